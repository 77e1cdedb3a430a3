using ProactiveSuite.Contracts.Notifications;

namespace ProactiveSuite.Cli.Broadcast;

/// <summary>
/// The audience from the command line: the users of --to and --to-file (one per line: <c>userId</c>, or
/// <c>channelId,userId[,tenantId]</c>; blank lines and <c>#</c> comments skipped), else everyone in --channel
/// (or, with --scope, its group chats, channels or teams).
/// </summary>
public static class BroadcastAudienceReader
{
    /// <param name="scope">With --channel alone: which conversations (personal, groupChats, channels, teams); null: personal.</param>
    public static async Task<BroadcastAudience> ReadAsync(string? channel, string? tenant, IReadOnlyList<string> to, FileInfo? toFile, CancellationToken cancellationToken, string? scope = null)
    {
        var recipients = new List<Recipient>();
        foreach (var user in to.SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            recipients.Add(new Recipient(channel ?? throw Usage($"--to {user} needs --channel: which channel is the user in?"), user, tenant));
        }

        if (toFile is not null)
        {
            recipients.AddRange(await ReadFileAsync(toFile, channel, tenant, cancellationToken));
        }

        if (recipients.Count > 0 && scope is not null)
        {
            throw Usage("--scope goes with --channel alone, not with --to or --to-file");
        }

        if (recipients.Count > 0)
        {
            return new BroadcastAudience { Recipients = recipients };
        }

        if (to.Count > 0 || toFile is not null)
        {
            throw Usage("the recipient list is empty");
        }

        return new BroadcastAudience { ChannelId = channel ?? throw Usage("say who gets it: --to, --to-file, or --channel for everyone in a channel"), TenantId = tenant, Scope = scope };
    }

    private static async Task<List<Recipient>> ReadFileAsync(FileInfo file, string? channel, string? tenant, CancellationToken cancellationToken)
    {
        string[] lines;
        try
        {
            lines = await File.ReadAllLinesAsync(file.FullName, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Usage($"cannot read --to-file {file.FullName}: {e.Message}");
        }

        var recipients = new List<Recipient>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split(',', StringSplitOptions.TrimEntries);
            recipients.Add(fields switch
            {
                [var user] when user.Length > 0 => new Recipient(channel ?? throw Usage($"{file.Name} line {i + 1} names no channel and there is no --channel"), user, tenant),
                [var ch, var user] when ch.Length > 0 && user.Length > 0 => new Recipient(ch, user, tenant),
                [var ch, var user, var tn] when ch.Length > 0 && user.Length > 0 => new Recipient(ch, user, tn.Length > 0 ? tn : tenant),
                _ => throw Usage($"{file.Name} line {i + 1} is not 'userId' or 'channelId,userId[,tenantId]'"),
            });
        }

        return recipients;
    }

    private static CommandFailedException Usage(string message) => new(ExitCodes.Usage, message);
}
