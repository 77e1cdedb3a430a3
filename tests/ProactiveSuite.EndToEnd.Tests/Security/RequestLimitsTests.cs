using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.Security;

/// <summary>Every HTTP endpoint has a body limit and answers 413 with it; the Dispatcher's operator API needs a key and names the limit a command broke.</summary>
[Collection(SecuritySystemGroup.Name)]
public sealed class RequestLimitsTests(RabbitMqSystem system)
{
    private Uri Notifications => new(system.DispatcherUrl, "/notifications");

    [Fact]
    public async Task Sending_over_http_needs_an_operator_key()
    {
        using var anonymous = new HttpClient();
        var response = await anonymous.PostAsJsonAsync(Notifications, new { recipient = new { channelId = "emulator", userId = "ada" }, text = "hi" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_over_the_limit_is_refused_with_413_whether_or_not_its_length_was_announced(bool chunked)
    {
        var body = "{\"text\":\"" + new string('x', 600 * 1024) + "\"}";
        using var content = chunked
            ? (HttpContent)new StreamContent(new UnannouncedLengthStream(Encoding.UTF8.GetBytes(body)))
            : new StringContent(body, Encoding.UTF8, "application/json");
        content.Headers.ContentType = new("application/json");

        var response = await system.Http.PostAsync(Notifications, content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken);
        Assert.Equal("the request body must not be larger than 524288 bytes", problem!["detail"]!.GetValue<string>());
        // The unread rest of the body ends the connection: a client told so does not send its next request down it.
        Assert.True(response.Headers.ConnectionClose, "413 without Connection: close");
    }

    [Fact]
    public async Task A_command_over_a_channel_limit_is_refused_with_the_limit()
    {
        var card = new JsonObject { ["type"] = "AdaptiveCard", ["padding"] = new string('x', 30 * 1024) };
        var command = new JsonObject
        {
            ["recipient"] = new JsonObject { ["channelId"] = "emulator", ["userId"] = "ada" },
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["content"] = card }),
        };

        var response = await system.Http.PostAsync(Notifications, new StringContent(command.ToJsonString(), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken);
        Assert.Equal("attachment 0 has content larger than 28672 bytes", problem!["detail"]!.GetValue<string>());
    }

    /// <summary>A stream that cannot tell its length, so HttpClient sends it chunked, without Content-Length.</summary>
    private sealed class UnannouncedLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
