using ProactiveSuite.Contracts.References;
using ProactiveSuite.Registry.GroupConversations;
using ProactiveSuite.Registry.References;

namespace ProactiveSuite.Registry.Revocation;

/// <summary>What a revocation names: a user's reference, or (without a user) a group conversation as a whole.</summary>
public sealed class ReferenceRevocation(IConversationReferenceStore references, IGroupConversationStore groups)
{
    /// <returns>Null when valid, else the first problem found, phrased for the error queue.</returns>
    public static string? Problem(ReferenceRevoked? revocation)
    {
        if (revocation is null)
        {
            return "the message is empty";
        }

        var keyProblem = revocation.UserId is null
            ? GroupConversationKey.TryCreate(revocation.ChannelId, revocation.ConversationId, out _, out var groupProblem) ? null : groupProblem
            : ReferenceKey.TryCreate(revocation.ChannelId, revocation.UserId, out _, out var userProblem) ? null : userProblem;
        return keyProblem
            ?? (string.IsNullOrWhiteSpace(revocation.ConversationId) || string.IsNullOrWhiteSpace(revocation.ReasonCode) || revocation.RevokedAt == default
                ? "conversationId, reasonCode and revokedAt are required"
                : null);
    }

    public Task<UpsertOutcome> RevokeAsync(ReferenceRevoked revocation, CancellationToken cancellationToken) =>
        revocation.UserId is null
            ? groups.RevokeAsync(revocation, cancellationToken)
            : references.RevokeAsync(revocation, cancellationToken);
}
