using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Dispatcher.Delivery;
using ProactiveSuite.Dispatcher.Progress;

namespace ProactiveSuite.Dispatcher.Editing;

/// <summary>Whether a notification may be edited to some content: the content of a send, and never after a recall.</summary>
public static class EditRule
{
    /// <returns>Null when the content could be sent, else the problem, phrased for the publisher.</returns>
    public static string? ContentProblem(EditNotification command) =>
        string.IsNullOrEmpty(command.NotificationId) ? "notificationId is required" : NotificationValidation.MessageProblem(command.Text, command.Attachments);

    /// <returns>Null when <paramref name="notification"/> may be edited, else why not.</returns>
    public static string? Refusal(NotificationProgress notification) =>
        notification.RecallRequested ? $"notification '{notification.NotificationId}' was recalled: there is nothing left to edit" : null;
}
