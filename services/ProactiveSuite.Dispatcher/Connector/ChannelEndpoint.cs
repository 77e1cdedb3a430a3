using ProactiveSuite.Contracts.References;

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

    /// <summary>Where it comes from, for a refusal's reason; null: the configuration.</summary>
    public string? Origin { get; init; }

    /// <summary>Where and as whom a user seen in a group conversation can be reached one-to-one.</summary>
    public static ChannelEndpoint SeenWith(KnownMember member) => new()
    {
        ServiceUrl = member.ServiceUrl,
        BotId = member.Bot.Id,
        BotName = member.Bot.Name,
        Origin = $"the serviceUrl user '{member.UserId}' was last seen with in channel '{member.ChannelId}'",
    };
}

public sealed class ChannelEndpointOptions
{
    public const string Section = "Dispatcher:Channels";

    public Dictionary<string, ChannelEndpoint> Channels { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ChannelEndpoint? For(string channelId) =>
        Channels.TryGetValue(channelId, out var endpoint) && endpoint.ServiceUrl.Length > 0 && endpoint.BotId.Length > 0 ? endpoint : null;
}
