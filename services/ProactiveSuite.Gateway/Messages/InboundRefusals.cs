using System.Diagnostics.Metrics;
using ProactiveSuite.ServiceDefaults.Telemetry;

namespace ProactiveSuite.Gateway.Messages;

/// <summary>
/// Every request /api/messages refuses: a Warning with the reason (never a stack trace, never Error: anyone
/// on the internet can cause one, and Error is for our own faults) and a count by reason, which is what an
/// operator alerts on (docs/operations.md).
/// </summary>
public sealed partial class InboundRefusals
{
    /// <summary>Counter of refused requests at /api/messages, by <see cref="ReasonAttribute"/>.</summary>
    public const string Metric = "proactivesuite.gateway.inbound.refused";

    /// <summary>Why: <c>MissingToken</c>, <c>MalformedToken</c>, <c>NotABotFrameworkToken</c>, <c>TokenExpired</c>, <c>TokenNotYetValid</c>, <c>BadSignature</c>, <c>TokenRefused</c>, <c>InvalidActivity</c>, <c>ServiceUrlNotAllowed</c>, <c>TooLarge</c>.</summary>
    public const string ReasonAttribute = "proactivesuite.refusal.reason";

    private readonly Counter<long> _refused;
    private readonly ILogger<InboundRefusals> _logger;

    public InboundRefusals(IMeterFactory meters, ILogger<InboundRefusals> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _refused = meters.Create(ProactiveSuiteTelemetry.Name).CreateCounter<long>(Metric, "{request}", "Requests /api/messages refused, by reason.");
        _logger = logger;
    }

    /// <param name="reason">A reason code of <see cref="ReasonAttribute"/>: few values, so the metric stays cheap.</param>
    /// <param name="status">The HTTP status answered.</param>
    /// <param name="detail">The reason as the caller is told it.</param>
    public void Refused(string reason, int status, string detail)
    {
        _refused.Add(1, new KeyValuePair<string, object?>(ReasonAttribute, reason));
        LogRefused(status, reason, detail);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to /api/messages with {StatusCode} ({Reason}): {Detail}")]
    private partial void LogRefused(int statusCode, string reason, string detail);
}
