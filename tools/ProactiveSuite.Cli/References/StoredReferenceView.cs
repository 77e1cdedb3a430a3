using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Cli.References;

/// <summary>A stored conversation reference as the Registry's GET /references answers it.</summary>
public sealed record StoredReferenceView(
    ConversationAddress Address,
    DateTimeOffset LastActivityAt,
    string? LastActivityId,
    string? LastActivityType,
    DateTimeOffset? RevokedAt,
    string? RevokedReasonCode);

/// <summary>A page of references and the cursor of the next.</summary>
public sealed record ReferencePage(IReadOnlyList<StoredReferenceView> Items, string? Next);
