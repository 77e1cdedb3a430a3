namespace ProactiveSuite.ChannelEmulator;

/// <summary>How the emulated channel reaches the bot and how it presents itself in the activities it sends.</summary>
public sealed class ChannelEmulatorOptions
{
    /// <summary>The configuration section the standalone emulator binds these options from.</summary>
    public const string SectionName = "Emulator";

    private Uri? _gatewayUrl;

    /// <summary>
    /// The bot's messaging endpoint, e.g. <c>http://localhost:5081/api/messages</c>. Null until configured;
    /// user activities are then refused with 409. Can be set after the emulator has started.
    /// </summary>
    public Uri? GatewayUrl
    {
        // Tests point the emulator at a bot that started after it, from another thread than the request threads.
        get => Volatile.Read(ref _gatewayUrl);
        set => Volatile.Write(ref _gatewayUrl, value);
    }

    /// <summary>The channel id written into user activities (<c>emulator</c>, or e.g. <c>msteams</c> to look like Teams).</summary>
    public string ChannelId { get; set; } = "emulator";

    /// <summary>The bot's account id in this channel: the recipient of user activities.</summary>
    public string BotId { get; set; } = "bot-proactive";

    /// <summary>The bot's display name in this channel.</summary>
    public string BotName { get; set; } = "ProactiveBot";

    /// <summary>
    /// The serviceUrl advertised to the bot, including any route prefix. When null it is derived from each
    /// control request (scheme://host + PathBase + the prefix the emulator was mapped under), which is right
    /// unless the bot reaches the emulator through another address than the caller did (proxies, containers).
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }
}
