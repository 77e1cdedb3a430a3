using System.Text.Json.Nodes;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// The control routes that set the conditions the bot's connector calls meet (fault rules, latency, rate limits) and
/// read how they were answered (statistics): for the playground, the benchmark and people with curl. The same
/// objects tests drive in process through <see cref="ChannelEmulatorServer"/>.
/// </summary>
internal sealed class ConditionsApi(ChannelFaults faults, ChannelLimits limits, ChannelStatistics statistics)
{
    private const string LatencyShape = """{"milliseconds": 50}""";

    /// <summary><c>GET /emulator/faults</c>: the rules in the order they are checked.</summary>
    public IResult Faults() => EmulatorResults.Json(StatusCodes.Status200OK, FaultJson.Write(faults.Rules()));

    /// <summary><c>POST /emulator/faults</c> with a rule (<see cref="FaultJson.Shape"/>); answers 201 with the rule and its id.</summary>
    public async Task<IResult> AddFaultAsync(HttpContext http)
    {
        var (body, problem) = await ControlBody.ReadAsync(http.Request, FaultJson.Shape, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return EmulatorResults.BadArgument(problem!);
        }
        if (FaultJson.Read(body) is not { } fault)
        {
            return EmulatorResults.BadArgument(body.Problem!);
        }
        return EmulatorResults.Json(StatusCodes.Status201Created, FaultJson.Write(faults.AddRule(fault)));
    }

    /// <summary><c>DELETE /emulator/faults</c>: removes every rule (the latency stays).</summary>
    public IResult ClearFaults()
    {
        faults.Clear();
        return Results.NoContent();
    }

    /// <summary><c>DELETE /emulator/faults/{id}</c>: removes one rule; 404 when there is none of that id.</summary>
    public IResult RemoveFault(HttpContext http)
    {
        var id = http.Request.RouteValues["id"] as string ?? "";
        return faults.RemoveRule(id) ? Results.NoContent() : EmulatorResults.NotFound($"There is no fault rule '{id}'.");
    }

    /// <summary><c>GET /emulator/latency</c>: <c>{"milliseconds": 50}</c>.</summary>
    public IResult Latency() => EmulatorResults.Json(StatusCodes.Status200OK, LatencyJson());

    /// <summary><c>PUT /emulator/latency</c> with <c>{"milliseconds": 50}</c> (0 for none); answers 200 with the latency in force.</summary>
    public async Task<IResult> SetLatencyAsync(HttpContext http)
    {
        var (body, problem) = await ControlBody.ReadAsync(http.Request, LatencyShape, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return EmulatorResults.BadArgument(problem!);
        }
        body.Allow("milliseconds");
        var milliseconds = body.Number("milliseconds");
        if (body.Problem is null && milliseconds is null)
        {
            body.Fail($"milliseconds is required: {LatencyShape}.");
        }
        if (body.Problem is null && (milliseconds < 0 || milliseconds > ChannelFaults.MaxLatency.TotalMilliseconds))
        {
            body.Fail($"milliseconds must be between 0 and {ChannelFaults.MaxLatency.TotalMilliseconds:0}.");
        }
        if (body.Problem is not null)
        {
            return EmulatorResults.BadArgument(body.Problem);
        }

        faults.SetLatency(TimeSpan.FromMilliseconds(milliseconds!.Value));
        return Latency();
    }

    /// <summary><c>GET /emulator/limits</c>: <c>{"enabled": false}</c>, or the limits in force (<see cref="LimitsJson.Shape"/>).</summary>
    public IResult Limits() => EmulatorResults.Json(StatusCodes.Status200OK, LimitsJson.Write(limits.Enforced));

    /// <summary><c>PUT /emulator/limits</c> with <see cref="LimitsJson.Shape"/>; answers 200 with the limits in force.</summary>
    public async Task<IResult> SetLimitsAsync(HttpContext http)
    {
        var (body, problem) = await ControlBody.ReadAsync(http.Request, LimitsJson.Shape, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return EmulatorResults.BadArgument(problem!);
        }
        if (LimitsJson.Read(body) is not { } request)
        {
            return EmulatorResults.BadArgument(body.Problem!);
        }

        if (request.Enabled)
        {
            limits.EnforceTeamsLimits(request.Limits);
        }
        else
        {
            limits.StopEnforcing();
        }
        return Limits();
    }

    /// <summary><c>DELETE /emulator/limits</c>: stops enforcing limits.</summary>
    public IResult StopLimits()
    {
        limits.StopEnforcing();
        return Results.NoContent();
    }

    /// <summary><c>GET /emulator/stats?conversations=true</c>: the counts in total, and per conversation unless <c>conversations=false</c>.</summary>
    public IResult Statistics(HttpContext http)
    {
        var withConversations = true;
        var query = http.Request.Query["conversations"];
        if (query.Count > 0 && !bool.TryParse(query[0], out withConversations))
        {
            return EmulatorResults.BadArgument("conversations must be true or false.");
        }
        return EmulatorResults.Json(StatusCodes.Status200OK, StatisticsJson.Write(statistics.Snapshot(), withConversations));
    }

    /// <summary><c>DELETE /emulator/stats</c>: counts from zero again.</summary>
    public IResult ResetStatistics()
    {
        statistics.Reset();
        return Results.NoContent();
    }

    private JsonObject LatencyJson() => new() { ["milliseconds"] = faults.Latency.TotalMilliseconds };
}
