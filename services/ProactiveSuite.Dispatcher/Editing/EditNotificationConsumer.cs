using MassTransit;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Dispatcher.Cancellation;
using ProactiveSuite.Dispatcher.Copies;
using ProactiveSuite.Dispatcher.Progress;
using ProactiveSuite.ServiceDefaults.Messaging;

namespace ProactiveSuite.Dispatcher.Editing;

/// <summary>
/// Edits a notification: its new content is kept (recipients not yet delivered get it), and every delivered copy is
/// handed over to be updated. Invalid content, or an edit after a recall, goes to the error queue with the reason.
/// </summary>
public sealed partial class EditNotificationConsumer(
    INotificationProgressStore progress, CancellationWatch cancellations, CopyFanOut fanOut, TimeProvider clock, ILogger<EditNotificationConsumer> logger)
    : IConsumer<EditNotification>
{
    public async Task Consume(ConsumeContext<EditNotification> context)
    {
        var command = context.Message;
        if (EditRule.ContentProblem(command) is { } problem)
        {
            throw new InvalidMessageException($"EditNotification rejected: {problem}");
        }

        var id = command.NotificationId!;
        var now = clock.GetUtcNow();
        // Not started yet: it starts with the new content.
        var notification = await progress.FindAsync(id, context.CancellationToken) ?? await progress.StartAsync(id, total: null, now, context.CancellationToken);
        if (EditRule.Refusal(notification) is { } refusal)
        {
            throw new InvalidMessageException($"EditNotification refused: {refusal}");
        }

        var edit = NotificationEdit.Of(command.Text, command.Attachments, now);
        await progress.RequestEditAsync(id, edit, context.CancellationToken);
        cancellations.Edited(id, edit);
        var copies = await fanOut.RunAsync(id, context, context.CancellationToken);
        LogEdit(id, edit.Revision, copies);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Edit of notification {NotificationId} to revision {Revision}: {Copies} delivered copies to update")]
    private partial void LogEdit(string notificationId, string revision, int copies);
}

public sealed class EditNotificationConsumerDefinition : ConsumerDefinition<EditNotificationConsumer>
{
    public EditNotificationConsumerDefinition() => EndpointName = "dispatcher-edit-notification";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<EditNotificationConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseDurableCommandQueue();
        consumerConfigurator.UseShortRetries();
        endpointConfigurator.AcceptPlainJson();
    }
}
