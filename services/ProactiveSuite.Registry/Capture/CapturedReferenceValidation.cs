using ProactiveSuite.Contracts.References;
using ProactiveSuite.Registry.GroupConversations;
using ProactiveSuite.Registry.References;
using ProactiveSuite.ServiceDefaults.Identifiers;

namespace ProactiveSuite.Registry.Capture;

/// <summary>What a <see cref="ReferenceCaptured"/> must hold before it may become a stored reference.</summary>
public static class CapturedReferenceValidation
{
    /// <returns>Null when valid, else the first problem found, phrased for the error queue.</returns>
    public static string? Problem(ReferenceCaptured? captured)
    {
        if (captured?.Address is not { } address)
        {
            return "address is required";
        }

        if (!ReferenceKey.TryCreate(address.ChannelId, address.User?.Id, out _, out var keyProblem))
        {
            return keyProblem;
        }

        return address switch
        {
            _ when !Uri.TryCreate(address.ServiceUrl, UriKind.Absolute, out var serviceUrl)
                || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp) => "serviceUrl must be an absolute http(s) URL",
            { Conversation.Id: null or "" } or { Conversation: null } => "conversation.id is required",
            _ when ConnectorPathSegments.Problem(address.Conversation.Id, "conversation.id") is { } unusable => unusable,
            { Conversation.IsGroup: true } when !GroupConversationKey.TryCreate(address.ChannelId, address.Conversation.Id, out _, out var groupProblem) => groupProblem,
            { Bot.Id: null or "" } or { Bot: null } => "bot.id is required",
            _ when captured.ActivityTimestamp == default => "activityTimestamp is required",
            _ when string.IsNullOrWhiteSpace(captured.ActivityType) => "activityType is required",
            _ => null,
        };
    }
}
