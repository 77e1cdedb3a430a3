namespace ProactiveSuite.Conversations.Flows;

/// <summary>A message the user wrote, as the flows see it (no channel SDK types).</summary>
/// <param name="ChannelId">The channel, e.g. <c>msteams</c>.</param>
/// <param name="ConversationId">The channel's conversation id.</param>
/// <param name="UserId">Who wrote it.</param>
/// <param name="Text">What they wrote, when it has text.</param>
/// <param name="ActivityId">The channel's id of the activity, to recognise it when delivered again.</param>
/// <param name="Submitted">The data of a submitted card (e.g. <c>surveyId</c>, <c>answer</c>), as strings; null when none.</param>
public sealed record UserMessage(
    string ChannelId,
    string ConversationId,
    string UserId,
    string? Text,
    string? ActivityId,
    IReadOnlyDictionary<string, string>? Submitted = null)
{
    public string? SubmittedValue(string name) => Submitted is not null && Submitted.TryGetValue(name, out var value) ? value : null;
}
