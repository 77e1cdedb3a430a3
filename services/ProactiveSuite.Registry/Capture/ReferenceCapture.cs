using ProactiveSuite.Registry.GroupConversations;
using ProactiveSuite.Registry.Members;
using ProactiveSuite.Registry.References;

namespace ProactiveSuite.Registry.Capture;

/// <summary>
/// Where a capture goes: a one-to-one conversation becomes the user's reference; a group conversation is
/// kept as a reference of its own, and its sender as a known member, never as their personal reference
/// (a notification for them must not land in the group).
/// </summary>
public sealed class ReferenceCapture(IConversationReferenceStore references, IGroupConversationStore groups, IKnownMemberStore members)
{
    /// <returns>What became of the reference (of the group conversation, for a group capture).</returns>
    public async Task<UpsertOutcome> RecordAsync(StoredReference captured, CancellationToken cancellationToken)
    {
        if (!captured.Address.Conversation.IsGroup)
        {
            return await references.UpsertNewestAsync(captured, cancellationToken);
        }

        // Each write is idempotent: a redelivery after a failure between them completes the second.
        var outcome = await groups.UpsertNewestAsync(StoredGroupConversation.From(captured), cancellationToken);
        await members.UpsertNewestAsync(StoredMember.From(captured), cancellationToken);
        return outcome;
    }
}
