using System.Net;

namespace ProactiveSuite.Dispatcher.Connector;

/// <summary>The channel's connector refused a call, or could not be reached (<see cref="StatusCode"/> null).</summary>
public sealed class ConnectorException(HttpStatusCode? statusCode, string? errorCode, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public HttpStatusCode? StatusCode { get; } = statusCode;

    /// <summary>The connector's own error code, e.g. <c>ConversationNotFound</c>, when it sent one.</summary>
    public string? ErrorCode { get; } = errorCode;

    /// <summary>Throttling, a passing server fault or no answer: worth trying again later.</summary>
    public bool IsTransient => StatusCode is null
        or HttpStatusCode.TooManyRequests
        or HttpStatusCode.PreconditionFailed
        or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable
        or HttpStatusCode.GatewayTimeout
        or HttpStatusCode.InternalServerError;
}
