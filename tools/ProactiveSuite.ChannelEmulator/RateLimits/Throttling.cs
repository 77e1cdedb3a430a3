namespace ProactiveSuite.ChannelEmulator;

/// <summary>Why a call was refused with 429, and when to come back.</summary>
/// <param name="RetryAfter">The <c>Retry-After</c> to answer with.</param>
/// <param name="Message">The ErrorResponse message: which limit was hit.</param>
internal sealed record Throttling(TimeSpan RetryAfter, string Message);
