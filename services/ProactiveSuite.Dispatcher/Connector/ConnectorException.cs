using System.Net;

namespace ProactiveSuite.Dispatcher.Connector;

/// <summary>The channel's connector refused a call, or could not be reached (<see cref="StatusCode"/> null).</summary>
public sealed class ConnectorException(HttpStatusCode? statusCode, string? errorCode, string message, Exception? inner = null, TimeSpan? retryAfter = null)
    : Exception(message, inner)
{
    public HttpStatusCode? StatusCode { get; } = statusCode;

    /// <summary>The connector's own error code, e.g. <c>ConversationBlockedByUser</c>, when it sent one.</summary>
    public string? ErrorCode { get; } = errorCode;

    /// <summary>The connector's <c>Retry-After</c>, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
