using System.Text.Json;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Dispatcher.Delivery;

namespace ProactiveSuite.Tests.Dispatcher;

public class NotificationValidationTests
{
    private static readonly SendNotification Valid = new()
    {
        NotificationId = "n-1",
        Recipient = new Recipient("emulator", "user-ada"),
        Text = "Your report is ready",
    };

    [Fact]
    public void A_complete_command_is_valid() => Assert.Null(NotificationValidation.Problem(Valid));

    [Fact]
    public void An_attachment_alone_is_something_to_send()
    {
        var card = new NotificationAttachment("application/vnd.microsoft.card.adaptive", Content: JsonDocument.Parse("{\"type\":\"AdaptiveCard\"}").RootElement);
        Assert.Null(NotificationValidation.Problem(Valid with { Text = null, Attachments = [card] }));
    }

    [Fact]
    public void Each_problem_is_named()
    {
        Assert.Equal("notificationId is required", NotificationValidation.Problem(Valid with { NotificationId = null }));
        Assert.Equal("recipient is required", NotificationValidation.Problem(Valid with { Recipient = null }));
        Assert.Equal("recipient.channelId is required", NotificationValidation.Problem(Valid with { Recipient = new Recipient("", "u") }));
        Assert.Equal("recipient.userId is required", NotificationValidation.Problem(Valid with { Recipient = new Recipient("c", "") }));
        Assert.Equal("text is empty and there are no attachments: there is nothing to send", NotificationValidation.Problem(Valid with { Text = "   " }));
        Assert.Contains("longer than", NotificationValidation.Problem(Valid with { Text = new string('x', NotificationValidation.MaxTextLength + 1) }), StringComparison.Ordinal);
        Assert.Equal("attachment 0 needs a contentType", NotificationValidation.Problem(Valid with { Attachments = [new NotificationAttachment("")] }));
    }
}
