namespace ProactiveSuite.Gateway.Security;

/// <summary>
/// Whether <c>/api/messages</c> validates the Bot Framework token: always when the bot has an app id.
/// Without one the SDK would accept any request, so the Gateway refuses to start unless that was asked
/// for explicitly, for local use with the channel emulator.
/// </summary>
public sealed record InboundAuthenticationPolicy(bool Authenticated)
{
    /// <summary>Set to true to run without an app id (and so without inbound authentication), locally only.</summary>
    public const string AllowUnauthenticatedLocalUseKey = "Bot:AllowUnauthenticatedLocalUse";

    public const string AppIdKey = "Bot:MicrosoftAppId";

    /// <exception cref="InvalidOperationException">No app id, and unauthenticated local use was not allowed.</exception>
    public static InboundAuthenticationPolicy From(IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(configuration[AppIdKey]))
        {
            return new InboundAuthenticationPolicy(Authenticated: true);
        }

        if (configuration.GetValue<bool>(AllowUnauthenticatedLocalUseKey))
        {
            return new InboundAuthenticationPolicy(Authenticated: false);
        }

        throw new InvalidOperationException(
            $"{AppIdKey} is not set, so /api/messages could not check who is calling. Set the bot's app id (and " +
            $"Bot:MicrosoftAppPassword) for any deployment; for a local run with the channel emulator only, set " +
            $"{AllowUnauthenticatedLocalUseKey}=true.");
    }
}
