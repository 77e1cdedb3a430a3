using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.Dispatcher.Connector;
using ProactiveSuite.ServiceDefaults.Security;

namespace ProactiveSuite.Tests.Security;

/// <summary>The Dispatcher's real connector, over HTTP to a channel emulator, behind the allowlist.</summary>
public sealed class AllowlistedChannelConnectorTests : IAsyncLifetime
{
    private static readonly OutboundMessage Message = new("Your report is ready", []);
    private ChannelEmulatorServer _channel = null!;
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        _channel = await ChannelEmulatorServer.StartAsync(ct: TestContext.Current.CancellationToken);
        _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _channel.DisposeAsync();
    }

    [Fact]
    public async Task A_reference_to_an_allowed_connector_is_sent()
    {
        var connector = Connector(allowEmulator: true);

        var activityId = await connector.SendAsync(AddressAt(_channel.BaseUrl.ToString()), Message, TestContext.Current.CancellationToken);

        Assert.Equal(activityId, Assert.Single(_channel.Transcript.InConversation("conv-ada")).ActivityId);
    }

    [Fact]
    public async Task A_reference_to_any_other_host_is_refused_before_anything_is_sent()
    {
        var connector = Connector(allowEmulator: false);

        var refused = await Assert.ThrowsAsync<ServiceUrlNotAllowedException>(
            () => connector.SendAsync(AddressAt(_channel.BaseUrl.ToString()), Message, TestContext.Current.CancellationToken));

        Assert.Contains($"host '{_channel.BaseUrl.Host}' is not on the allowlist", refused.Message, StringComparison.Ordinal);
        Assert.Contains("user 'ada'", refused.Message, StringComparison.Ordinal);
        Assert.Empty(_channel.Transcript.All());
    }

    [Fact]
    public async Task A_conversation_is_not_created_at_a_configured_endpoint_outside_the_allowlist()
    {
        var connector = Connector(allowEmulator: false);
        var endpoint = new ChannelEndpoint { ServiceUrl = _channel.BaseUrl.ToString(), BotId = "bot-proactive" };

        var refused = await Assert.ThrowsAsync<ServiceUrlNotAllowedException>(
            () => connector.CreateConversationAsync(endpoint, new Recipient("emulator", "bob"), Message, TestContext.Current.CancellationToken));

        Assert.Contains("Dispatcher:Channels:emulator:ServiceUrl", refused.Message, StringComparison.Ordinal);
        Assert.Empty(_channel.Transcript.CreatedConversations());
    }

    private AllowlistedChannelConnector Connector(bool allowEmulator)
    {
        var options = new ServiceUrlAllowlistOptions();
        if (allowEmulator)
        {
            options.LocalOrigins.Add(_channel.BaseUrl.ToString());
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Bot:MicrosoftAppId"] = "" }).Build();
        var botConnector = new BotConnector(configuration, _services.GetRequiredService<IHttpClientFactory>(), NullLogger<BotConnector>.Instance);
        return new AllowlistedChannelConnector(botConnector, new ServiceUrlAllowlist(options));
    }

    private static ConversationAddress AddressAt(string serviceUrl) => new(
        "emulator",
        serviceUrl,
        new ConversationInfo("conv-ada", null, null, IsGroup: false),
        new ParticipantInfo("ada", "Ada", null),
        new ParticipantInfo("bot-proactive", "ProactiveBot", null),
        "en-US");
}
