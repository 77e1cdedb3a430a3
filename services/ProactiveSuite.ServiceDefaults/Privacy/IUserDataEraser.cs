using ProactiveSuite.ServiceDefaults.Identifiers;

namespace ProactiveSuite.ServiceDefaults.Privacy;

/// <summary>
/// The extension point of erasure: every store that keeps data about a user implements this and is
/// registered with <see cref="UserDataErasureExtensions.AddUserDataEraser{TEraser}"/>. An
/// <c>EraseUserData</c> command then reaches it in whichever process it lives.
/// </summary>
public interface IUserDataEraser
{
    /// <summary>The store's name in <c>UserDataErased</c>, e.g. <c>conversationReferences</c>.</summary>
    string Store { get; }

    /// <summary>Removes every record of the store about the user; idempotent.</summary>
    /// <param name="user">A validated user key.</param>
    /// <returns>How many records were removed.</returns>
    Task<int> EraseAsync(UserKey user, CancellationToken cancellationToken);
}

/// <param name="ChannelId">The channel, trimmed and lower-case (channel ids compare without case).</param>
/// <param name="UserId">The user's id in the channel, exactly as given (<see cref="UserIds"/>).</param>
public sealed record UserKey(string ChannelId, string UserId)
{
    public const int MaxPartLength = 512;

    /// <returns>Null when both parts make a key, else why not.</returns>
    public static string? Problem(string? channelId, string? userId) => channelId?.Trim() switch
    {
        null or "" => "channelId is required",
        { Length: > MaxPartLength } => $"channelId is longer than {MaxPartLength} characters",
        _ when channelId.Any(char.IsControl) => "channelId must not contain control characters",
        _ => UserIds.Problem(userId),
    };

    /// <summary>The key of a pair that passed <see cref="Problem"/>: the channel without case, the user exactly.</summary>
    public static UserKey From(string channelId, string userId) => new(channelId.Trim().ToLowerInvariant(), userId);

    /// <summary>
    /// The key as one string, <c>channelId|userId</c> (channel ids hold no '|'): what a store records
    /// beside data about a user, so that erasing the user finds it by equality.
    /// </summary>
    public string Value => $"{ChannelId}|{UserId}";
}
