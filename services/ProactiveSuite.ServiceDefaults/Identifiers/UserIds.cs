namespace ProactiveSuite.ServiceDefaults.Identifiers;

/// <summary>
/// The one rule for a user id, wherever one arrives (activity, capture, look-up, notification, survey,
/// erasure). Channels' ids are opaque and some are case-sensitive, so they are compared exactly and never
/// normalised. Whitespace around an id is refused rather than trimmed: no channel sends it, and trimmed it
/// would be another user's id.
/// </summary>
public static class UserIds
{
    /// <summary>The longest id the stores key a user by.</summary>
    public const int MaxLength = 512;

    /// <param name="userId">The id as it arrived.</param>
    /// <param name="member">How the reason names it, e.g. <c>recipient.userId</c>.</param>
    /// <returns>Null when the id can name a user, else why not.</returns>
    public static string? Problem(string? userId, string member = "userId") => userId switch
    {
        _ when string.IsNullOrWhiteSpace(userId) => $"{member} is required",
        { Length: > MaxLength } => $"{member} is longer than {MaxLength} characters",
        _ when userId.Any(char.IsControl) => $"{member} must not contain control characters",
        _ when char.IsWhiteSpace(userId[0]) || char.IsWhiteSpace(userId[^1]) => $"{member} must not begin or end with whitespace",
        _ => null,
    };
}
