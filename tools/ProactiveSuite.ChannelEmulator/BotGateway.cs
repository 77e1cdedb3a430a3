using System.Text;
using System.Text.Json.Nodes;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>Posts activities to the bot's messaging endpoint, as a channel does.</summary>
internal sealed class BotGateway(IHttpClientFactory clients)
{
    public const string ClientName = "ProactiveSuite.ChannelEmulator.Gateway";

    public async Task<GatewayDelivery> DeliverAsync(Uri endpoint, JsonObject activity, CancellationToken ct)
    {
        // No Authorization header: a bot under test runs with channel authentication off, which is what the
        // real Bot Framework Emulator relies on too when no app id is configured.
        using var content = new StringContent(activity.ToJsonString(JsonText.Options), Encoding.UTF8, "application/json");
        var client = clients.CreateClient(ClientName);
        try
        {
            using var response = await client.PostAsync(endpoint, content, ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            return new GatewayDelivery((int)response.StatusCode, body);
        }
        catch (HttpRequestException e)
        {
            return new GatewayDelivery(null, e.Message);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new GatewayDelivery(null, $"No answer within {client.Timeout.TotalSeconds:0} s.");
        }
    }
}
