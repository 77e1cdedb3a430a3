using System.Text.Json.Nodes;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// The Bot Connector REST API v3 calls a bot makes to message users proactively, answered like the real service
/// (status codes, ResourceResponse bodies, ErrorResponse on bad input). Any conversation id is accepted: a bot may
/// hold references captured before this emulator started; only the groups it made itself are checked against their
/// roster (<see cref="GroupRoster"/>). Well-formed calls then go through
/// <see cref="ConnectorAdmission"/> (latency, faults, limits) before they are recorded.
/// </summary>
internal sealed class ConnectorApi(
    ChannelTranscript transcript,
    ChannelServiceUrl serviceUrl,
    ConnectorAdmission admission,
    GroupRoster roster,
    ChannelEmulatorOptions options,
    ConversationMessageIds messageIds,
    TimeProvider clock,
    ILogger logger)
{
    /// <summary><c>POST /v3/conversations</c> with ConversationParameters; answers 201 ConversationResourceResponse.</summary>
    public Task<IResult> CreateConversationAsync(HttpContext http) =>
        admission.AnswerAsync(http, ct => CreateAsync(http, ct));

    /// <summary><c>POST /v3/conversations/{conversationId}/activities</c>; answers 200 ResourceResponse.</summary>
    public Task<IResult> SendToConversationAsync(HttpContext http) =>
        admission.AnswerAsync(http, ct => ReceiveFromBotAsync(http, ConnectorOperation.SendToConversation, replyToId: null, ct));

    /// <summary><c>POST /v3/conversations/{conversationId}/activities/{activityId}</c>; answers 200 ResourceResponse.</summary>
    public Task<IResult> ReplyToActivityAsync(HttpContext http) =>
        admission.AnswerAsync(http, ct => ReceiveFromBotAsync(http, ConnectorOperation.ReplyToActivity, RouteValue(http, "activityId"), ct));

    /// <summary><c>PUT /v3/conversations/{conversationId}/activities/{activityId}</c>; answers 200 ResourceResponse, 404 when the message is gone.</summary>
    public Task<IResult> UpdateActivityAsync(HttpContext http) =>
        admission.AnswerAsync(http, ct => UpdateAsync(http, ct));

    /// <summary><c>DELETE /v3/conversations/{conversationId}/activities/{activityId}</c>; answers 200, 404 when the message is gone.</summary>
    public Task<IResult> DeleteActivityAsync(HttpContext http) =>
        admission.AnswerAsync(http, ct => DeleteAsync(http, ct));

    private async Task<IResult> UpdateAsync(HttpContext http, CancellationToken ct)
    {
        var activity = await RequestJson.ReadObjectAsync(http.Request, ct).ConfigureAwait(false);
        if (RequestJson.ActivityProblem(activity) is { } problem)
        {
            return EmulatorResults.BadArgument(problem);
        }

        var target = roster.Target(RouteValue(http, "conversationId"));
        if (target.Refusal is { } notInRoster)
        {
            return notInRoster;
        }
        var (conversationId, activityId) = (target.ConversationId, RouteValue(http, "activityId"));
        var current = transcript.CurrentMessage(conversationId, activityId);
        var call = CallOn(ConnectorOperation.UpdateActivity, conversationId, current, activity);
        if (await admission.RefuseAsync(call, ct).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }
        if (current is null)
        {
            return MessageGone(conversationId, activityId);
        }

        var snapshot = JsonSnapshot.Of(activity!);
        // The message keeps its id and place; only its content changes.
        snapshot["id"] = activityId;
        admission.Accepted(call, conversationId);
        Record(new RecordedActivity(conversationId, activityId, ActivityDirection.ToUser, ConnectorOperation.UpdateActivity, snapshot, clock.GetUtcNow()));
        return EmulatorResults.Json(StatusCodes.Status200OK, new JsonObject { ["id"] = activityId });
    }

    private async Task<IResult> DeleteAsync(HttpContext http, CancellationToken ct)
    {
        var target = roster.Target(RouteValue(http, "conversationId"));
        if (target.Refusal is { } notInRoster)
        {
            return notInRoster;
        }
        var (conversationId, activityId) = (target.ConversationId, RouteValue(http, "activityId"));
        var current = transcript.CurrentMessage(conversationId, activityId);
        var call = CallOn(ConnectorOperation.DeleteActivity, conversationId, current, null);
        if (await admission.RefuseAsync(call, ct).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }
        if (current is null)
        {
            return MessageGone(conversationId, activityId);
        }

        admission.Accepted(call, conversationId);
        var tombstone = new JsonObject
        {
            ["type"] = "messageDelete",
            ["id"] = activityId,
            ["conversation"] = new JsonObject { ["id"] = conversationId },
            ["recipient"] = current.Activity["recipient"]?.DeepClone(),
        };
        Record(new RecordedActivity(conversationId, activityId, ActivityDirection.ToUser, ConnectorOperation.DeleteActivity, tombstone, clock.GetUtcNow()));
        return Results.Ok();
    }

    // Faults for a user match the recipient of the message changed, as they match that of a send.
    private ConnectorCall CallOn(ConnectorOperation operation, string conversationId, RecordedActivity? current, JsonObject? activity)
    {
        var recipientId = JsonText.StringOf(current?.Activity["recipient"] as JsonObject, "id")
            ?? JsonText.StringOf(activity?["recipient"] as JsonObject, "id");
        return new ConnectorCall(operation, conversationId, recipientId is null ? [] : [recipientId], admission.Tenants.OfActivity(activity ?? current?.Activity ?? new JsonObject(), conversationId));
    }

    private static IResult MessageGone(string conversationId, string activityId) =>
        EmulatorResults.Error(StatusCodes.Status404NotFound, "ActivityNotFound", $"No message '{activityId}' in conversation '{conversationId}': never sent by the bot, or deleted.");

    private async Task<IResult> CreateAsync(HttpContext http, CancellationToken ct)
    {
        var parameters = await RequestJson.ReadObjectAsync(http.Request, ct).ConfigureAwait(false);
        if (parameters is null)
        {
            return EmulatorResults.BadArgument("The body must be a JSON object (ConversationParameters).");
        }
        if (parameters["members"] is not JsonArray { Count: > 0 } membersJson || membersJson.Any(m => m is not JsonObject))
        {
            return EmulatorResults.BadArgument("ConversationParameters.members must list at least one account.");
        }
        if (parameters["isGroup"] is JsonNode isGroupJson && !(isGroupJson is JsonValue v && v.TryGetValue<bool>(out _)))
        {
            return EmulatorResults.BadArgument("ConversationParameters.isGroup must be true or false.");
        }

        var activityJson = parameters["activity"];
        JsonObject? activity = null;
        if (activityJson is not null)
        {
            activity = activityJson as JsonObject;
            if (RequestJson.ActivityProblem(activity) is { } problem)
            {
                return EmulatorResults.BadArgument(problem);
            }
        }

        var isGroup = parameters["isGroup"]?.GetValue<bool>() ?? false;
        if (!isGroup && IsTeams && ConversationTenants.NamedInCreate(parameters) is null)
        {
            // Real Teams refuses a one-to-one create that names no tenant; a bot that forgets it must fail here too.
            return EmulatorResults.Error(StatusCodes.Status400BadRequest, "BadSyntax", "Teams needs the tenant to create a conversation");
        }

        var call = new ConnectorCall(
            ConnectorOperation.CreateConversation,
            ConversationId: null,
            [.. membersJson.Select(m => JsonText.StringOf(m!.AsObject(), "id")).OfType<string>()],
            ConversationTenants.OfCreate(parameters));
        if (await admission.RefuseAsync(call, ct).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }

        var conversationId = "emu-conv-" + JsonText.NewId();
        var now = clock.GetUtcNow();
        // Counted before it is recorded: a test that saw it in the transcript then finds it in the statistics.
        admission.Accepted(call, conversationId);
        var bot = parameters["bot"] as JsonObject;
        var channelData = parameters["channelData"] as JsonObject;
        var activityId = activity is null ? null : messageIds.Next(conversationId);

        // The conversation first, then its first activity: the order in which the channel makes them exist.
        transcript.Add(new ConversationCreated(
            conversationId,
            [.. membersJson.Select(m => JsonSnapshot.Of(m!.AsObject()))],
            bot is null ? null : JsonSnapshot.Of(bot),
            isGroup,
            JsonText.StringOf(parameters, "tenantId") ?? JsonText.StringOf(channelData?["tenant"] as JsonObject, "id"),
            channelData is null ? null : JsonSnapshot.Of(channelData),
            activityId,
            now));
        EmulatorLog.ConversationCreated(logger, conversationId, membersJson.Count);

        if (activity is not null)
        {
            var snapshot = JsonSnapshot.Of(activity);
            snapshot["id"] = activityId;
            // The channel delivers the first activity into the conversation it just created, from the bot.
            if (snapshot["conversation"] is JsonObject conversation)
            {
                conversation["id"] = conversationId;
            }
            else
            {
                snapshot["conversation"] = new JsonObject { ["id"] = conversationId };
            }
            if (snapshot["from"] is null && bot is not null)
            {
                snapshot["from"] = JsonSnapshot.Of(bot);
            }
            Record(new RecordedActivity(conversationId, activityId!, ActivityDirection.ToUser, ConnectorOperation.CreateConversation, snapshot, now));
        }

        return EmulatorResults.Json(StatusCodes.Status201Created, new JsonObject
        {
            ["id"] = conversationId,
            ["activityId"] = activityId,
            ["serviceUrl"] = serviceUrl.For(http.Request),
        });
    }

    private async Task<IResult> ReceiveFromBotAsync(HttpContext http, ConnectorOperation operation, string? replyToId, CancellationToken ct)
    {
        var activity = await RequestJson.ReadObjectAsync(http.Request, ct).ConfigureAwait(false);
        if (RequestJson.ActivityProblem(activity) is { } problem)
        {
            return EmulatorResults.BadArgument(problem);
        }

        var target = roster.Target(RouteValue(http, "conversationId"));
        if (target.Refusal is { } notInRoster)
        {
            return notInRoster;
        }
        // A post into a channel thread (;messageid=) is filed under the channel, next to the users' posts.
        var conversationId = target.ConversationId;
        replyToId ??= target.ThreadRoot;
        var recipientId = JsonText.StringOf(activity!["recipient"] as JsonObject, "id");
        var call = new ConnectorCall(
            operation, conversationId, recipientId is null ? [] : [recipientId], admission.Tenants.OfActivity(activity, conversationId));
        if (await admission.RefuseAsync(call, ct).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }

        var activityId = messageIds.Next(conversationId);
        var snapshot = JsonSnapshot.Of(activity!);
        // The channel owns activity ids: the recorded activity carries the id the bot is answered with.
        snapshot["id"] = activityId;
        if (replyToId is not null)
        {
            // The URL (its activity id, or a channel thread's ;messageid=) names the activity replied to; the SDK
            // also puts it in the body, which is kept when present.
            snapshot["replyToId"] ??= replyToId;
        }

        admission.Accepted(call, conversationId);
        Record(new RecordedActivity(conversationId, activityId, ActivityDirection.ToUser, operation, snapshot, clock.GetUtcNow()));
        return EmulatorResults.Json(StatusCodes.Status200OK, new JsonObject { ["id"] = activityId });
    }

    private void Record(RecordedActivity activity)
    {
        transcript.Add(activity);
        EmulatorLog.BotSent(logger, activity);
    }

    private bool IsTeams => string.Equals(options.ChannelId, "msteams", StringComparison.OrdinalIgnoreCase);

    private static string RouteValue(HttpContext http, string name) =>
        http.Request.RouteValues[name] as string ?? throw new InvalidOperationException($"The route has no {name}.");
}
