using ProactiveSuite.Dispatcher.Ledger;
using ProactiveSuite.Dispatcher.Progress;
using ProactiveSuite.Dispatcher.ReadReceipts;

namespace ProactiveSuite.Dispatcher.Copies;

/// <summary>
/// Every transition of a delivered copy (<see cref="DeliveredCopy"/>): read once, recalled once, edited once per
/// revision, and the claim that lets one Dispatcher at a time delete or update it. Each returns the changed copy
/// (its version raised) for <see cref="IDeliveryLedger.TrySaveCopyAsync"/>, or null when nothing changes.
/// </summary>
public static class CopyRules
{
    /// <summary>The copy of a record just delivered, showing <paramref name="contentRevision"/>.</summary>
    public static DeliveredCopy Delivered(string? serviceUrl, string? tenantId, string? botId, string? contentRevision) =>
        new(0, serviceUrl, tenantId, botId, contentRevision);

    /// <summary>Marks it read when the receipt covers its message and it was not read (nor recalled) before.</summary>
    public static DeliveredCopy? Read(DeliveryRecord record, string lastReadMessageId, DateTimeOffset readAt) =>
        record is { State: DeliveryState.Delivered, ActivityId: { } messageId }
        && record.Copy is not { ReadAt: not null } and not { RecalledAt: not null }
        && ReadRule.IsRead(messageId, lastReadMessageId)
            ? Next(record.Copy) with { ReadAt = readAt }
            : null;

    /// <summary>
    /// What the copy needs given its notification: a recall wins over an edit; an edit is needed while the copy shows
    /// another revision, unless the channel refused that revision for good.
    /// </summary>
    public static CopyChange Needed(DeliveryRecord record, NotificationProgress? notification)
    {
        if (record is not { State: DeliveryState.Delivered, ActivityId: not null, ConversationId: not null } || notification is null)
        {
            return new CopyChange.None();
        }

        var copy = record.Copy;
        if (notification.RecallRequested)
        {
            return copy is { RecalledAt: not null } or { RecallFailed: true } ? new CopyChange.None() : new CopyChange.Delete();
        }

        return notification.Edit is { } edit && copy?.RecalledAt is null && copy?.ContentRevision != edit.Revision && copy?.FailedRevision != edit.Revision
            ? new CopyChange.Update(edit)
            : new CopyChange.None();
    }

    /// <summary>Claims the change for <paramref name="lease"/>; null (with when it frees) while another claim is live.</summary>
    public static DeliveredCopy? Claim(DeliveredCopy? copy, DateTimeOffset now, TimeSpan lease, out DateTimeOffset? heldUntil)
    {
        heldUntil = copy?.ChangeClaimedUntil is { } until && until > now ? until : null;
        return heldUntil is null ? Next(copy) with { ChangeClaimedUntil = now + lease, ChangeAttempts = (copy?.ChangeAttempts ?? 0) + 1 } : null;
    }

    /// <summary>The channel deleted it, or says it is gone already (404): recalled either way.</summary>
    public static DeliveredCopy Recalled(DeliveredCopy claimed, DateTimeOffset now) =>
        Next(claimed) with { RecalledAt = now, ChangeClaimedUntil = null, LastChangeError = null };

    public static DeliveredCopy Edited(DeliveredCopy claimed, NotificationEdit edit, DateTimeOffset now) =>
        Next(claimed) with { ContentRevision = edit.Revision, EditedAt = now, ChangeClaimedUntil = null, ChangeAttempts = 0, LastChangeError = null };

    /// <summary>A passing failure: the claim is given back, to be tried again later.</summary>
    public static DeliveredCopy WillRetry(DeliveredCopy claimed, string error) =>
        Next(claimed) with { ChangeClaimedUntil = null, LastChangeError = error };

    /// <summary>Pacing put it off: not an attempt.</summary>
    public static DeliveredCopy PutOff(DeliveredCopy claimed) =>
        Next(claimed) with { ChangeClaimedUntil = null, ChangeAttempts = claimed.ChangeAttempts - 1 };

    /// <summary>The channel refused <paramref name="change"/> for good, or it failed too often: not tried again.</summary>
    public static DeliveredCopy Refused(DeliveredCopy claimed, CopyChange change, string error) => change switch
    {
        CopyChange.Update update => Next(claimed) with { FailedRevision = update.Content.Revision, ChangeClaimedUntil = null, ChangeAttempts = 0, LastChangeError = error },
        _ => Next(claimed) with { RecallFailed = true, ChangeClaimedUntil = null, LastChangeError = error },
    };

    private static DeliveredCopy Next(DeliveredCopy? copy) =>
        copy is null ? new DeliveredCopy(1, null, null, null, null) : copy with { Version = copy.Version + 1 };
}
