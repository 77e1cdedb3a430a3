namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// What stands between the bot's connector calls and the transcript, in the order a real channel applies it:
/// network latency, then injected faults, then the rate limits; the answer's own latency after that; and the
/// statistics of how each call was answered.
/// </summary>
internal sealed class ConnectorAdmission(
    ChannelFaults faults,
    ChannelLimits limits,
    ChannelStatistics statistics,
    ConversationTenants tenants,
    TimeProvider clock,
    ILogger logger,
    CancellationToken stopping)
{
    public ConversationTenants Tenants => tenants;

    /// <summary>
    /// Answers a connector call after the latency. Waits (latency, hangs) end when the caller gives up or the
    /// emulator stops, so no request outlives its caller and stopping never waits for a hang.
    /// </summary>
    public async Task<IResult> AnswerAsync(HttpContext http, Func<CancellationToken, Task<IResult>> handler)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        try
        {
            var latency = faults.Latency;
            if (latency > TimeSpan.Zero)
            {
                await Task.Delay(latency, clock, waiting.Token).ConfigureAwait(false);
            }
            var answer = await handler(waiting.Token).ConfigureAwait(false);
            var answerLatency = faults.AnswerLatency;
            if (answerLatency > TimeSpan.Zero)
            {
                await Task.Delay(answerLatency, clock, waiting.Token).ConfigureAwait(false);
            }
            return answer;
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The caller is gone; nobody reads the answer, and the server must not log it as a failure.
            return Results.Empty;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return EmulatorResults.Error(StatusCodes.Status503ServiceUnavailable, ConnectorErrorCodes.ServiceUnavailable, "The channel emulator is stopping.");
        }
    }

    /// <summary>
    /// The answer that refuses <paramref name="call"/> (a fault, after its hang; or a 429), counted in the statistics;
    /// null when the call is admitted, in which case the limits have counted it.
    /// </summary>
    public async Task<IResult?> RefuseAsync(ConnectorCall call, CancellationToken ct)
    {
        if (faults.Take(call) is { } fault)
        {
            if (fault.StatusCode == StatusCodes.Status429TooManyRequests)
            {
                statistics.Throttled(call.ConversationId);
            }
            else
            {
                statistics.Faulted(call.ConversationId);
            }
            EmulatorLog.FaultInjected(logger, fault, call);

            if (fault.Kind == ChannelFaultKind.Hang)
            {
                await Task.Delay(fault.HangFor, clock, ct).ConfigureAwait(false);
            }
            return EmulatorResults.Error(
                fault.StatusCode,
                fault.AnsweredCode,
                fault.Message ?? $"The channel emulator answers {fault.StatusCode} {fault.AnsweredCode}: a fault rule matched this call.",
                fault.RetryAfter);
        }

        if (limits.Admit(call) is { } throttling)
        {
            statistics.Throttled(call.ConversationId);
            EmulatorLog.Throttled(logger, call, throttling);
            return EmulatorResults.Error(StatusCodes.Status429TooManyRequests, ConnectorErrorCodes.Throttled, throttling.Message, throttling.RetryAfter);
        }

        return null;
    }

    /// <summary>Counts an admitted call once it has been carried out.</summary>
    public void Accepted(ConnectorCall call, string conversationId)
    {
        if (call.Operation == ConnectorOperation.CreateConversation)
        {
            tenants.Created(conversationId, call.TenantId);
        }
        statistics.Accepted(call.Operation, conversationId);
    }
}
