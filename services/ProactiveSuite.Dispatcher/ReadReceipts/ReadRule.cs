using System.Globalization;

namespace ProactiveSuite.Dispatcher.ReadReceipts;

/// <summary>
/// Whether a read receipt covers a message: Teams' ids are numbers that increase within a conversation, so every
/// message at or before the last one read was read. The SDK's <c>ReadReceiptInfo.IsMessageRead</c> rule, here so
/// that the Dispatcher's domain needs no SDK type; ids that are not numbers are never read.
/// </summary>
public static class ReadRule
{
    public static bool IsRead(string? messageId, string lastReadMessageId) =>
        long.TryParse(messageId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var message)
        && long.TryParse(lastReadMessageId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var lastRead)
        && message <= lastRead;
}
