using System.Text.Json;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Dispatcher.Delivery;

namespace ProactiveSuite.Tests.Dispatcher;

/// <summary>Commands too large or too odd to ever be delivered fail at once, with the limit they broke.</summary>
public class NotificationLimitsTests
{
    private static readonly SendNotification Valid = new()
    {
        NotificationId = "n-1",
        Recipient = new Recipient("msteams", "29:user", "72f988bf-0000-4000-8000-2d7cd011db47"),
        Text = "Your report is ready",
    };

    [Fact]
    public void The_largest_valid_command_is_valid()
    {
        var card = Card(NotificationValidation.MaxAttachmentContentBytes);
        var command = Valid with
        {
            Text = new string('x', NotificationValidation.MaxTextLength),
            Attachments = [.. Enumerable.Repeat(card, NotificationValidation.MaxAttachments)],
        };

        Assert.Null(NotificationValidation.Problem(command));
    }

    [Fact]
    public void Text_attachment_count_and_size_have_limits()
    {
        Assert.Equal("text is longer than 28000 characters", NotificationValidation.Problem(Valid with { Text = new string('x', 28_001) }));
        Assert.Equal("more than 10 attachments", NotificationValidation.Problem(Valid with { Attachments = [.. Enumerable.Repeat(Card(10), 11)] }));
        Assert.Equal("attachment 1 has content larger than 28672 bytes", NotificationValidation.Problem(Valid with { Attachments = [Card(10), Card(28 * 1024 + 1)] }));
    }

    [Theory]
    [InlineData(null, "x", null, "attachment 0 has a contentUrl that is not an absolute http(s) URL")]
    [InlineData(null, "file:///etc/passwd", null, "attachment 0 has a contentUrl that is not an absolute http(s) URL")]
    [InlineData(null, "https://example.com/a.png", 257, "attachment 0 has a name longer than 256 characters")]
    [InlineData(257, null, null, "attachment 0 has a contentType longer than 256 characters")]
    public void Attachment_members_have_limits(int? contentTypeLength, string? contentUrl, int? nameLength, string reason)
    {
        var attachment = new NotificationAttachment(
            contentTypeLength is { } t ? new string('t', t) : "image/png",
            contentUrl,
            Name: nameLength is { } n ? new string('n', n) : null);
        Assert.Equal(reason, NotificationValidation.Problem(Valid with { Attachments = [attachment] }));
    }

    [Fact]
    public void A_content_url_longer_than_a_url_should_be_is_refused() =>
        Assert.Equal("attachment 0 has a contentUrl longer than 2048 characters",
            NotificationValidation.Problem(Valid with { Attachments = [new NotificationAttachment("image/png", "https://example.com/" + new string('a', 2048))] }));

    [Fact]
    public void Recipient_ids_have_the_limits_of_a_stored_reference()
    {
        Assert.Equal("recipient.userId is longer than 512 characters", NotificationValidation.Problem(Valid with { Recipient = new Recipient("msteams", new string('u', 513)) }));
        Assert.Equal("recipient.channelId is longer than 512 characters", NotificationValidation.Problem(Valid with { Recipient = new Recipient(new string('c', 513), "u") }));
        Assert.Equal("recipient.tenantId is longer than 128 characters", NotificationValidation.Problem(Valid with { Recipient = new Recipient("msteams", "u", new string('t', 129)) }));
        Assert.Equal("recipient.userId must not contain control characters", NotificationValidation.Problem(Valid with { Recipient = new Recipient("msteams", "u\n") }));
        Assert.Equal("recipient.userId must not begin or end with whitespace", NotificationValidation.Problem(Valid with { Recipient = new Recipient("msteams", "u\u2003") }));
        Assert.Equal("notificationId must not contain control characters", NotificationValidation.Problem(Valid with { NotificationId = "n\u0000" }));
    }

    private static NotificationAttachment Card(int bytes)
    {
        var padding = new string('x', bytes - "{\"p\":\"\"}".Length);
        return new NotificationAttachment("application/vnd.microsoft.card.adaptive", Content: JsonDocument.Parse($"{{\"p\":\"{padding}\"}}").RootElement);
    }
}
