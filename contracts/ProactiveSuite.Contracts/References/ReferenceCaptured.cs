namespace ProactiveSuite.Contracts.References;

/// <summary>
/// Event: the Gateway saw an activity from a user and learnt (again) how to reach them.
/// Published for every <c>message</c>, <c>conversationUpdate</c> and <c>installationUpdate</c>
/// activity. In a one-to-one conversation the Registry keeps the newest one per user; in a group chat,
/// Teams channel or team (<see cref="ConversationInfo.IsGroup"/>) it keeps the newest one per
/// conversation, and the user as a <see cref="KnownMember"/>. Replayed or older events change nothing.
/// </summary>
/// <param name="Address">How to reach the user.</param>
/// <param name="ActivityId">The channel's id of the activity that was seen, when it had one.</param>
/// <param name="ActivityType">The Bot Framework activity type that was seen.</param>
/// <param name="ActivityTimestamp">When the channel says the activity happened; decides which capture is newest.</param>
public sealed record ReferenceCaptured(
    ConversationAddress Address,
    string? ActivityId,
    string ActivityType,
    DateTimeOffset ActivityTimestamp);
