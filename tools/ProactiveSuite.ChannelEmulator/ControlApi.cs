using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// The routes that make the emulator act as a user (post activities to the bot) and show what it recorded.
/// Used by tests, the demo and people with curl; not part of the Bot Connector API.
/// </summary>
internal sealed class ControlApi(
    ChannelTranscript transcript,
    ChannelEmulatorOptions options,
    ChannelServiceUrl serviceUrl,
    BotGateway gateway,
    ConversationMessageIds messageIds,
    TimeProvider clock,
    ILogger logger)
{
    /// <summary><c>POST /emulator/users/{userId}/messages</c> with <c>{"text", "name"?, "conversationId"?}</c>.</summary>
    public async Task<IResult> UserMessageAsync(HttpContext http)
    {
        var body = await RequestJson.ReadObjectAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return EmulatorResults.BadArgument("The body must be a JSON object: {\"text\": \"...\"}.");
        }
        var text = JsonText.StringOf(body, "text");
        if (string.IsNullOrWhiteSpace(text))
        {
            return EmulatorResults.BadArgument("text must be a non-empty string.");
        }

        var turn = UserTurnFor(http, body);
        return await PostAsUserAsync(http, Numbered(UserActivities.Message(turn, options, text), turn), turn.UserId).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST /emulator/users/{userId}/read</c>, optional body <c>{"conversationId"?, "lastReadMessageId"?}</c>: the user reads
    /// the conversation (up to its newest message unless told), and the channel posts Teams' read receipt event to the bot.
    /// </summary>
    public async Task<IResult> UserReadAsync(HttpContext http)
    {
        JsonObject? body = null;
        if (HasBody(http.Request))
        {
            body = await RequestJson.ReadObjectAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
            if (body is null)
            {
                return EmulatorResults.BadArgument("The body, when sent, must be a JSON object: {\"conversationId\"?, \"lastReadMessageId\"?}.");
            }
        }

        var turn = UserTurnFor(http, body);
        var lastRead = JsonText.StringOf(body, "lastReadMessageId") ?? transcript.NewestMessageId(turn.ConversationId);
        if (lastRead is null)
        {
            return EmulatorResults.NotFound($"Conversation '{turn.ConversationId}' has no message to read.");
        }
        return await PostAsUserAsync(http, UserActivities.ReadReceipt(turn, options, lastRead), turn.UserId).ConfigureAwait(false);
    }

    /// <summary><c>POST /emulator/users/{userId}/join</c>, optional body <c>{"name"?, "conversationId"?}</c>.</summary>
    public async Task<IResult> UserJoinAsync(HttpContext http)
    {
        JsonObject? body = null;
        if (HasBody(http.Request))
        {
            body = await RequestJson.ReadObjectAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
            if (body is null)
            {
                return EmulatorResults.BadArgument("The body, when sent, must be a JSON object: {\"name\"?, \"conversationId\"?}.");
            }
        }

        var turn = UserTurnFor(http, body);
        return await PostAsUserAsync(http, Numbered(UserActivities.Join(turn, options), turn), turn.UserId).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST /emulator/activities?keepServiceUrl=false</c>: posts any activity (e.g. a Teams-shaped one) to the bot.
    /// Its serviceUrl becomes the emulator's unless kept, so the bot's replies and proactive sends come back here.
    /// </summary>
    public async Task<IResult> ForwardActivityAsync(HttpContext http)
    {
        var keepServiceUrl = false;
        var keepQuery = http.Request.Query["keepServiceUrl"];
        if (keepQuery.Count > 0 && !bool.TryParse(keepQuery[0], out keepServiceUrl))
        {
            return EmulatorResults.BadArgument("keepServiceUrl must be true or false.");
        }

        var activity = await RequestJson.ReadObjectAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        if (RequestJson.ActivityProblem(activity) is { } problem)
        {
            return EmulatorResults.BadArgument(problem);
        }
        if (string.IsNullOrEmpty(JsonText.StringOf(activity!["conversation"] as JsonObject, "id")))
        {
            return EmulatorResults.BadArgument("The activity has no conversation.id.");
        }

        if (!keepServiceUrl)
        {
            activity!["serviceUrl"] = serviceUrl.For(http.Request);
        }
        if (string.IsNullOrEmpty(JsonText.StringOf(activity, "id")))
        {
            activity!["id"] = messageIds.Next(JsonText.StringOf(activity["conversation"] as JsonObject, "id")!);
        }

        var userId = JsonText.StringOf(activity!["from"] as JsonObject, "id") ?? "(no from.id)";
        return await PostAsUserAsync(http, activity!, userId).ConfigureAwait(false);
    }

    /// <summary><c>GET /emulator/conversations</c>: every conversation with its activities.</summary>
    public IResult Conversations()
    {
        var all = transcript.All();
        var conversations = new JsonArray();
        foreach (var id in transcript.Conversations())
        {
            conversations.Add(TranscriptJson.Conversation(id, all.Where(a => string.Equals(a.ConversationId, id, StringComparison.Ordinal))));
        }
        return EmulatorResults.Json(StatusCodes.Status200OK, conversations);
    }

    /// <summary><c>GET /emulator/conversations/{id}/activities</c>: empty for a conversation never seen.</summary>
    public IResult ConversationActivities(HttpContext http)
    {
        var id = http.Request.RouteValues["id"] as string ?? "";
        return EmulatorResults.Json(StatusCodes.Status200OK, TranscriptJson.Activities(transcript.InConversation(id)));
    }

    /// <summary><c>GET /emulator/created</c>: the conversations the bot created, oldest first.</summary>
    public IResult Created() => EmulatorResults.Json(StatusCodes.Status200OK, TranscriptJson.Created(transcript.CreatedConversations()));

    /// <summary>
    /// <c>DELETE /emulator/conversations</c>: starts a fresh transcript. The groups stay, with the bot in or out of
    /// them, like the faults and limits: they are the channel's setup, not what passed through it.
    /// </summary>
    public IResult Clear()
    {
        transcript.Clear();
        return Results.NoContent();
    }

    /// <summary>Why activities cannot be posted to the bot now (409 NoGateway), or null when they can.</summary>
    public IResult? GatewayProblem() => GatewayProblem(options.GatewayUrl);

    private static IResult? GatewayProblem(Uri? gatewayUrl) =>
        gatewayUrl is null ? EmulatorResults.Error(StatusCodes.Status409Conflict, "NoGateway", "no gateway configured")
        : !gatewayUrl.IsAbsoluteUri ? EmulatorResults.Error(StatusCodes.Status409Conflict, "NoGateway", $"the gateway URL '{gatewayUrl}' is not absolute")
        : null;

    /// <summary>
    /// Records <paramref name="activity"/> and posts it to the bot: 202 with the gateway's status, 502 when it refused.
    /// <paramref name="recordUnder"/> is the conversation the transcript files it under, when not its
    /// <c>conversation.id</c> (a channel thread's id is filed under the channel's).
    /// </summary>
    public async Task<IResult> PostAsUserAsync(HttpContext http, JsonObject activity, string userId, string? recordUnder = null)
    {
        // Read once: the URL may be changed on the running emulator.
        var gatewayUrl = options.GatewayUrl;
        if (GatewayProblem(gatewayUrl) is { } problem)
        {
            return problem;
        }

        var conversationId = recordUnder ?? JsonText.StringOf(activity["conversation"] as JsonObject, "id")!;
        var activityId = JsonText.StringOf(activity, "id")!;
        var recorded = new RecordedActivity(
            conversationId, activityId, ActivityDirection.FromUser, ConnectorOperation.UserPost, JsonSnapshot.Of(activity), clock.GetUtcNow());
        // Recorded before posting: the bot may answer through the connector routes before its HTTP response arrives,
        // and the transcript must show the user's activity first.
        transcript.Add(recorded);
        EmulatorLog.UserSent(logger, userId, recorded);

        var delivery = await gateway.DeliverAsync(gatewayUrl!, activity, http.RequestAborted).ConfigureAwait(false);
        if (delivery.Succeeded)
        {
            return EmulatorResults.Json(StatusCodes.Status202Accepted, new JsonObject
            {
                ["activityId"] = activityId,
                ["conversationId"] = conversationId,
                ["gatewayStatus"] = delivery.Status,
            });
        }

        EmulatorLog.GatewayRefused(logger, gatewayUrl!, activityId, delivery.Status, delivery.Body);
        return EmulatorResults.Json(StatusCodes.Status502BadGateway, new JsonObject
        {
            ["activityId"] = activityId,
            ["conversationId"] = conversationId,
            ["gatewayStatus"] = delivery.Status,
            ["gatewayBody"] = delivery.Body,
        });
    }

    // The user's messages are numbered like the bot's: one sequence per conversation, as in Teams.
    private JsonObject Numbered(JsonObject activity, UserTurn turn)
    {
        activity["id"] = messageIds.Next(turn.ConversationId);
        return activity;
    }

    private UserTurn UserTurnFor(HttpContext http, JsonObject? body)
    {
        var userId = http.Request.RouteValues["userId"] as string ?? throw new InvalidOperationException("The route has no userId.");
        return new UserTurn(
            userId,
            JsonText.StringOf(body, "name") ?? userId,
            JsonText.StringOf(body, "conversationId") ?? "emu-" + userId,
            serviceUrl.For(http.Request),
            clock.GetUtcNow());
    }

    // curl -X POST without -d sends no body at all, HttpClient with no content sends Content-Length: 0: both mean "no body".
    private static bool HasBody(HttpRequest request) =>
        request.ContentLength != 0 && (request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true);
}
