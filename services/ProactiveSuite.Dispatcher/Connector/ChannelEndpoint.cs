namespace ProactiveSuite.Dispatcher.Connector;

/// <summary>
/// Where and as whom to create a conversation in a channel when no conversation with the user is
/// stored (Teams: <c>https://smba.trafficmanager.net/teams/</c> and the bot's <c>28:…</c> id).
/// Bound from <c>Dispatcher:Channels:{channelId}</c>.
/// </summary>
public sealed class ChannelEndpoint
{
    public string ServiceUrl { get; set; } = "";

    public string BotId { get; set; } = "";

    public string? BotName { get; set; }
}

public sealed class ChannelEndpointOptions
{
    public const string Section = "Dispatcher:Channels";

    public Dictionary<string, ChannelEndpoint> Channels { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ChannelEndpoint? For(string channelId) =>
        Channels.TryGetValue(channelId, out var endpoint) && endpoint.ServiceUrl.Length > 0 && endpoint.BotId.Length > 0 ? endpoint : null;
}
