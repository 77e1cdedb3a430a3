using System.Text.Json.Nodes;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// The control routes that make group chats and team channels, put the bot in and out of them, and let their members
/// post (<c>/emulator/groups...</c>). What they post reaches the bot the way <see cref="ControlApi"/>'s user routes do.
/// </summary>
internal sealed class GroupControlApi(
    GroupRegistry groups,
    ControlApi users,
    ChannelEmulatorOptions options,
    ChannelServiceUrl serviceUrl,
    ConversationMessageIds messageIds,
    TimeProvider clock)
{
    /// <summary><c>POST /emulator/groups</c>: 201 the new group.</summary>
    public async Task<IResult> CreateAsync(HttpContext http)
    {
        var (body, bodyProblem) = await ControlBody.ReadAsync(http.Request, GroupRequest.Shape, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return EmulatorResults.BadArgument(bodyProblem!);
        }
        var (request, problem) = GroupRequest.Read(body);
        if (request is null)
        {
            return EmulatorResults.BadArgument(problem!);
        }

        EmulatedGroup? group;
        if (request.TeamId is { } teamId)
        {
            group = groups.CreateChannel(teamId, request.Name!);
            if (group is null)
            {
                return EmulatorResults.NotFound($"No team '{teamId}': create one with {{\"kind\": \"channel\", \"members\": [...]}} first.");
            }
        }
        else
        {
            var tenantId = request.TenantId ?? EmulatorTenants.Default;
            group = request.Kind == GroupKind.GroupChat
                ? groups.CreateChat(request.Name, tenantId, request.Members)
                : groups.CreateTeam(request.Name, request.TeamName, tenantId, request.Members);
        }
        return EmulatorResults.Json(StatusCodes.Status201Created, GroupJson.Group(group));
    }

    /// <summary><c>GET /emulator/groups</c>.</summary>
    public IResult List() => EmulatorResults.Json(StatusCodes.Status200OK, GroupJson.Groups(groups.All()));

    /// <summary><c>GET /emulator/groups/{conversationId}</c>: 200, or 404 for an unknown group.</summary>
    public IResult Get(HttpContext http) =>
        Known(http) is { } group ? EmulatorResults.Json(StatusCodes.Status200OK, GroupJson.Group(group)) : UnknownGroup(http);

    /// <summary>
    /// <c>POST /emulator/groups/{conversationId}/bot</c>: the group's first member adds the bot, and the bot gets the
    /// conversationUpdate Teams sends. In a channel the bot joins the whole team, and the event comes from the team's
    /// General channel, as in Teams, where a bot is installed in a team and never in one channel.
    /// </summary>
    public Task<IResult> AddBotAsync(HttpContext http) => ChangeBotAsync(http, adding: true);

    /// <summary><c>DELETE /emulator/groups/{conversationId}/bot</c>: the group's first member removes the bot (in a channel: from the team).</summary>
    public Task<IResult> RemoveBotAsync(HttpContext http) => ChangeBotAsync(http, adding: false);

    /// <summary><c>POST /emulator/groups/{conversationId}/messages</c> with <c>{"from", "text", "replyToId"?}</c>: 202, like the user routes.</summary>
    public async Task<IResult> PostMessageAsync(HttpContext http)
    {
        if (Known(http) is not { } group)
        {
            return UnknownGroup(http);
        }
        var (body, bodyProblem) = await ControlBody.ReadAsync(http.Request, "{\"from\": \"<member id>\", \"text\": \"...\", \"replyToId\"?}", http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return EmulatorResults.BadArgument(bodyProblem!);
        }
        body.Allow("from", "text", "replyToId");
        var fromId = body.String("from");
        var text = body.String("text");
        var replyToId = body.String("replyToId");
        if (body.Problem is { } problem)
        {
            return EmulatorResults.BadArgument(problem);
        }
        if (string.IsNullOrEmpty(fromId))
        {
            return EmulatorResults.BadArgument("from must name a member of the group.");
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return EmulatorResults.BadArgument("text must be a non-empty string.");
        }
        if (replyToId is not null && (replyToId.Length == 0 || replyToId.Any(char.IsControl) || replyToId.Contains(';', StringComparison.Ordinal)))
        {
            // It becomes part of the thread's conversation id (;messageid={replyToId}), so it must be a plain message id.
            return EmulatorResults.BadArgument("replyToId must be a message id: non-empty, no ';' or control characters.");
        }
        if (group.Member(fromId) is not { } from)
        {
            return EmulatorResults.BadArgument($"'{fromId}' is not a member of '{group.ConversationId}'; its members are {string.Join(", ", group.Members.Select(m => m.Id))}.");
        }
        if (!group.BotPresent)
        {
            // Teams delivers nothing to a bot that is not in the conversation; saying so beats a silent 202.
            return EmulatorResults.Error(
                StatusCodes.Status409Conflict, "BotNotInConversation", $"The bot is not in '{group.ConversationId}': add it with POST .../bot first.");
        }

        var activityId = messageIds.Next(group.ConversationId);
        var activity = GroupActivities.Message(group, from, text, activityId, replyToId, options, serviceUrl.For(http.Request), clock.GetUtcNow());
        return await users.PostAsUserAsync(http, activity, from.Id, recordUnder: group.ConversationId).ConfigureAwait(false);
    }

    private async Task<IResult> ChangeBotAsync(HttpContext http, bool adding)
    {
        if (Known(http) is not { } group)
        {
            return UnknownGroup(http);
        }
        if (users.GatewayProblem() is { } noGateway)
        {
            // Checked before the bot moves: a refused call must leave the group as it was.
            return noGateway;
        }

        var changed = adding ? groups.AddBot(group) : groups.RemoveBot(group);
        if (changed is null)
        {
            return adding
                ? EmulatorResults.Error(StatusCodes.Status409Conflict, "BotAlreadyPresent", $"The bot is already in '{group.ConversationId}'{InTeam(group)}.")
                : EmulatorResults.Error(StatusCodes.Status409Conflict, "BotNotPresent", $"The bot is not in '{group.ConversationId}'{InTeam(group)}.");
        }

        // Teams announces a bot's arrival in a team in the team's own conversation (its General channel).
        var announcedIn = changed.Kind == GroupKind.Channel ? groups.Find(changed.TeamId!) ?? changed : changed;
        var eventNumber = messageIds.Next(announcedIn.ConversationId);
        var (url, now) = (serviceUrl.For(http.Request), clock.GetUtcNow());
        var activity = adding
            ? GroupActivities.BotAdded(announcedIn, eventNumber, options, url, now)
            : GroupActivities.BotRemoved(announcedIn, eventNumber, options, url, now);
        return await users.PostAsUserAsync(http, activity, announcedIn.Members[0].Id, recordUnder: announcedIn.ConversationId).ConfigureAwait(false);
    }

    private static string InTeam(EmulatedGroup group) => group.Kind == GroupKind.Channel ? $"'s team '{group.TeamId}'" : "";

    private EmulatedGroup? Known(HttpContext http) => groups.Find(ConversationIdOf(http));

    private static IResult UnknownGroup(HttpContext http) =>
        EmulatorResults.NotFound($"No group '{ConversationIdOf(http)}': create one with POST /emulator/groups.");

    private static string ConversationIdOf(HttpContext http) =>
        http.Request.RouteValues["conversationId"] as string ?? throw new InvalidOperationException("The route has no conversationId.");
}
