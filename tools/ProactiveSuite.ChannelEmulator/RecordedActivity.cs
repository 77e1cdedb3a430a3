using System.Text.Json.Nodes;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>One activity that passed through the emulated channel, as it was on the wire.</summary>
/// <param name="ConversationId">The conversation it belongs to (for bot sends: the one in the URL).</param>
/// <param name="ActivityId">The id the channel knows it by (for bot sends: the id the emulator answered with).</param>
/// <param name="Direction">Whether a user or the bot sent it.</param>
/// <param name="Operation">The call that carried it.</param>
/// <param name="Activity">
/// The activity JSON (camelCase, Bot Framework schema). A private copy: treat it as read-only, since
/// other threads may be reading the same recorded instance.
/// </param>
/// <param name="ReceivedAt">When the emulator recorded it.</param>
public sealed record RecordedActivity(
    string ConversationId,
    string ActivityId,
    ActivityDirection Direction,
    ConnectorOperation Operation,
    JsonObject Activity,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The activity's <c>type</c> (<c>message</c>, <c>conversationUpdate</c>, ...).</summary>
    public string? Type => JsonText.StringOf(Activity, "type");

    /// <summary>The activity's <c>text</c>, when it has one.</summary>
    public string? Text => JsonText.StringOf(Activity, "text");
}
