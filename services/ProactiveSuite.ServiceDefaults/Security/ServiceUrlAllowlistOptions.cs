namespace ProactiveSuite.ServiceDefaults.Security;

/// <summary>
/// Which connector hosts the bot's token may be sent to, bound from the <c>ServiceUrls</c> section.
/// The defaults are always allowed; configuration can only add exact hosts, never patterns.
/// </summary>
public sealed class ServiceUrlAllowlistOptions
{
    public const string Section = "ServiceUrls";

    /// <summary>
    /// The connectors Microsoft documents for Teams (public and government clouds) and the Bot
    /// Framework's own channels. Exact hosts: any customer can register names under
    /// <c>trafficmanager.net</c> or <c>azurewebsites.net</c>, so a suffix rule would let them in.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultHosts =
    [
        "smba.trafficmanager.net",
        "smba.infra.gcc.teams.microsoft.com",
        "smba.infra.gov.teams.microsoft.us",
        "smba.infra.dod.teams.microsoft.us",
        "directline.botframework.com",
        "webchat.botframework.com",
    ];

    /// <summary>More exact host names reached over https on port 443, e.g. a regional connector.</summary>
    public List<string> AllowedHosts { get; } = [];

    /// <summary>
    /// Loopback origins (scheme, host and port), e.g. <c>http://localhost:5080</c> for the channel
    /// emulator of a local run. Only loopback hosts are accepted here, so plain http can never reach
    /// another machine.
    /// </summary>
    public List<string> LocalOrigins { get; } = [];
}
