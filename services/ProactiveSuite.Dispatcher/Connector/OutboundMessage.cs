using ProactiveSuite.Contracts.Notifications;

namespace ProactiveSuite.Dispatcher.Connector;

/// <summary>What is posted into a user's conversation.</summary>
public sealed record OutboundMessage(string? Text, IReadOnlyList<NotificationAttachment> Attachments);
