namespace ProactiveSuite.Dispatcher.Ledger;

/// <summary>
/// What became of a delivered message after its delivery: where it lives, whether it was read, recalled or edited,
/// and a recall or edit in progress. Part of its <see cref="DeliveryRecord"/>; changed only through
/// <see cref="IDeliveryLedger.TrySaveCopyAsync"/>, which compares <see cref="Version"/>. The transitions are
/// <see cref="Copies.CopyRules"/>'.
/// </summary>
/// <param name="Version">Raised by every change: the ledger saves a change only over the version it was made from.</param>
/// <param name="ServiceUrl">The connector the copy was posted through; deletes and updates go there.</param>
/// <param name="TenantId">The conversation's tenant, for pacing.</param>
/// <param name="BotId">The bot account it was posted as.</param>
/// <param name="ContentRevision">The edit the copy shows (<see cref="Progress.NotificationEdit.Revision"/>); null: the original.</param>
/// <param name="ChangeClaimedUntil">A Dispatcher is deleting or updating it until then.</param>
/// <param name="ChangeAttempts">Attempts of the change in progress (or the last one).</param>
/// <param name="RecallFailed">The channel refused the delete for good (<see cref="LastChangeError"/> says why).</param>
/// <param name="FailedRevision">The edit the channel refused for good.</param>
public sealed record DeliveredCopy(
    int Version,
    string? ServiceUrl,
    string? TenantId,
    string? BotId,
    string? ContentRevision,
    DateTimeOffset? ReadAt = null,
    DateTimeOffset? RecalledAt = null,
    DateTimeOffset? EditedAt = null,
    DateTimeOffset? ChangeClaimedUntil = null,
    int ChangeAttempts = 0,
    bool RecallFailed = false,
    string? FailedRevision = null,
    string? LastChangeError = null);
