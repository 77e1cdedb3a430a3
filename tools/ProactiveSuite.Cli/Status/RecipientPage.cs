namespace ProactiveSuite.Cli.Status;

/// <summary>GET /notifications/{id}/recipients: one page of per-recipient rows and the cursor of the next.</summary>
public sealed record RecipientPage(IReadOnlyList<RecipientRow> Items, string? Next);

/// <summary>How one recipient of a notification stands: a user, or (no user id) the group conversation <c>ConversationId</c>.</summary>
public sealed record RecipientRow(
    string ChannelId,
    string? UserId,
    string State,
    int Attempts,
    int? LastStatusCode,
    string? FailureReasonCode,
    string? ConversationId,
    string? ActivityId,
    string? LastError,
    DateTimeOffset UpdatedAt);
