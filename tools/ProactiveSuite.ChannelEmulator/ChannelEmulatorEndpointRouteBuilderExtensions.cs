namespace ProactiveSuite.ChannelEmulator;

/// <summary>Maps the emulated channel's routes into a host.</summary>
public static class ChannelEmulatorEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the Bot Connector routes (<c>{prefix}/v3/conversations...</c>) and the control routes
    /// (<c>{prefix}/emulator/...</c>: users, groups, conversations, faults, latency, limits, stats). The serviceUrl bots call
    /// back is then <c>{base}{prefix}</c>.
    /// </summary>
    /// <param name="endpoints">The host's route builder.</param>
    /// <param name="prefix">Where to mount the emulator, e.g. <c>/emulator</c> when it shares a host with the bot; empty for the root.</param>
    /// <returns><paramref name="endpoints"/>, for chaining.</returns>
    public static IEndpointRouteBuilder MapChannelEmulator(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        prefix = NormalisePrefix(prefix);

        var services = endpoints.ServiceProvider;
        var options = services.GetService<ChannelEmulatorOptions>()
            ?? throw new InvalidOperationException("Call services.AddChannelEmulator() before MapChannelEmulator().");
        var transcript = services.GetRequiredService<ChannelTranscript>();
        var clock = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(EmulatorLog.Category);
        var serviceUrl = new ChannelServiceUrl(options, prefix);
        var faults = services.GetRequiredService<ChannelFaults>();
        var limits = services.GetRequiredService<ChannelLimits>();
        var statistics = services.GetRequiredService<ChannelStatistics>();
        var admission = new ConnectorAdmission(
            faults,
            limits,
            statistics,
            services.GetRequiredService<ConversationTenants>(),
            clock,
            logger,
            services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None);
        var messageIds = services.GetRequiredService<ConversationMessageIds>();
        var groups = services.GetRequiredService<GroupRegistry>();
        var roster = new GroupRoster(groups);
        var connector = new ConnectorApi(transcript, serviceUrl, admission, roster, options, messageIds, clock, logger);
        var conditions = new ConditionsApi(faults, limits, statistics);
        var control = new ControlApi(
            transcript, options, serviceUrl, new BotGateway(services.GetRequiredService<IHttpClientFactory>()), messageIds, clock, logger);
        var groupControl = new GroupControlApi(groups, control, options, serviceUrl, messageIds, clock);

        // A channel's callers never carry the host's credentials: the bot's connector client sends a Bot Framework
        // token (or none), and tests and people send nothing. A host-wide fallback policy must not lock them out.
        var group = endpoints.MapGroup(prefix).AllowAnonymous();

        group.MapPost("/v3/conversations", Answer(connector.CreateConversationAsync));
        group.MapPost("/v3/conversations/{conversationId}/activities", Answer(connector.SendToConversationAsync));
        group.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", Answer(connector.ReplyToActivityAsync));
        group.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", Answer(connector.UpdateActivityAsync));
        group.MapDelete("/v3/conversations/{conversationId}/activities/{activityId}", Answer(connector.DeleteActivityAsync));
        group.MapGet("/v3/conversations/{conversationId}/members", Answer(http => Task.FromResult(roster.Members(http))));

        group.MapPost("/emulator/users/{userId}/messages", Answer(control.UserMessageAsync));
        group.MapPost("/emulator/users/{userId}/join", Answer(control.UserJoinAsync));
        group.MapPost("/emulator/users/{userId}/read", Answer(control.UserReadAsync));
        group.MapPost("/emulator/activities", Answer(control.ForwardActivityAsync));
        group.MapGet("/emulator/conversations", Answer(_ => Task.FromResult(control.Conversations())));
        group.MapGet("/emulator/conversations/{id}/activities", Answer(http => Task.FromResult(control.ConversationActivities(http))));
        group.MapDelete("/emulator/conversations", Answer(_ => Task.FromResult(control.Clear())));
        group.MapGet("/emulator/created", Answer(_ => Task.FromResult(control.Created())));

        group.MapPost("/emulator/groups", Answer(groupControl.CreateAsync));
        group.MapGet("/emulator/groups", Answer(_ => Task.FromResult(groupControl.List())));
        group.MapGet("/emulator/groups/{conversationId}", Answer(http => Task.FromResult(groupControl.Get(http))));
        group.MapPost("/emulator/groups/{conversationId}/bot", Answer(groupControl.AddBotAsync));
        group.MapDelete("/emulator/groups/{conversationId}/bot", Answer(groupControl.RemoveBotAsync));
        group.MapPost("/emulator/groups/{conversationId}/messages", Answer(groupControl.PostMessageAsync));

        group.MapGet("/emulator/faults", Answer(_ => Task.FromResult(conditions.Faults())));
        group.MapPost("/emulator/faults", Answer(conditions.AddFaultAsync));
        group.MapDelete("/emulator/faults", Answer(_ => Task.FromResult(conditions.ClearFaults())));
        group.MapDelete("/emulator/faults/{id}", Answer(http => Task.FromResult(conditions.RemoveFault(http))));
        group.MapGet("/emulator/latency", Answer(_ => Task.FromResult(conditions.Latency())));
        group.MapPut("/emulator/latency", Answer(conditions.SetLatencyAsync));
        group.MapGet("/emulator/limits", Answer(_ => Task.FromResult(conditions.Limits())));
        group.MapPut("/emulator/limits", Answer(conditions.SetLimitsAsync));
        group.MapDelete("/emulator/limits", Answer(_ => Task.FromResult(conditions.StopLimits())));
        group.MapGet("/emulator/stats", Answer(http => Task.FromResult(conditions.Statistics(http))));
        group.MapDelete("/emulator/stats", Answer(_ => Task.FromResult(conditions.ResetStatistics())));

        return endpoints;
    }

    /// <summary>
    /// Plain RequestDelegates: no reflection-built parameter binding, and no chance of a handler's IResult being
    /// silently dropped because its lambda also fits RequestDelegate.
    /// </summary>
    private static RequestDelegate Answer(Func<HttpContext, Task<IResult>> handler) =>
        async http => await (await handler(http).ConfigureAwait(false)).ExecuteAsync(http).ConfigureAwait(false);

    private static string NormalisePrefix(string? prefix)
    {
        var trimmed = (prefix ?? "").Trim().Trim('/');
        return trimmed.Length == 0 ? "" : "/" + trimmed;
    }
}
