using ProactiveSuite.ServiceDefaults.Identifiers;

namespace ProactiveSuite.Registry.References;

/// <summary>
/// Identifies one user's reference: a user id is only unique within its channel. Channel ids are
/// compared without case (channels send them lower-case, publishers may not); user ids exactly, as
/// <see cref="UserIds"/> says: never trimmed, so two distinct ids never share a key.
/// </summary>
public readonly record struct ReferenceKey
{
    public const int MaxPartLength = 512;

    private ReferenceKey(string channelId, string userId)
    {
        ChannelId = channelId;
        UserId = userId;
    }

    public string ChannelId { get; }

    public string UserId { get; }

    /// <summary>The key as one string, ordered by channel then user: the paging cursor.</summary>
    public string Value => $"{ChannelId}|{UserId}";

    public static ReferenceKey For(string? channelId, string? userId) =>
        TryCreate(channelId, userId, out var key, out var problem) ? key : throw new ArgumentException(problem);

    public static bool TryCreate(string? channelId, string? userId, out ReferenceKey key, out string problem)
    {
        key = default;
        problem = ChannelProblem(channelId, out var channel) ?? UserIds.Problem(userId) ?? "";
        if (problem.Length > 0)
        {
            return false;
        }

        key = new ReferenceKey(channel, userId!);
        return true;
    }

    /// <summary>The rule for the channel part of every Registry key.</summary>
    /// <param name="channel">The channel id as keys hold it (trimmed, lower-case).</param>
    /// <returns>Null when valid, else why not.</returns>
    public static string? ChannelProblem(string? channelId, out string channel)
    {
        channel = channelId?.Trim().ToLowerInvariant() ?? "";
        return channel switch
        {
            { Length: 0 } => "channelId is required",
            { Length: > MaxPartLength } => $"channelId is longer than {MaxPartLength} characters",
            _ when channel.Contains('|') => "channelId must not contain '|'",
            _ when channelId!.Any(char.IsControl) => "channelId must not contain control characters",
            _ => null,
        };
    }

    /// <summary>Reads a <see cref="Value"/> back, e.g. a paging cursor from a client.</summary>
    public static bool TryParse(string? value, out ReferenceKey key)
    {
        key = default;
        var separator = value?.IndexOf('|') ?? -1;
        return separator > 0 && TryCreate(value![..separator], value[(separator + 1)..], out key, out _);
    }

    public override string ToString() => Value;
}
