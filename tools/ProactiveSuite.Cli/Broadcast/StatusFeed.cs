using System.Runtime.CompilerServices;
using ProactiveSuite.Cli.Connection;
using ProactiveSuite.Cli.Status;

namespace ProactiveSuite.Cli.Broadcast;

/// <summary>
/// Polls GET /notifications/{id} until the notification settles, yielding each status seen. A 404 at
/// first is the bus still carrying the command to the Dispatcher; only one that lasts is a failure.
/// </summary>
public static class StatusFeed
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(30);

    public static async IAsyncEnumerable<NotificationStatus> FollowAsync(OperatorApi api, string notificationId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var waitingSince = DateTimeOffset.UtcNow;
        while (true)
        {
            var status = await api.FindAsync<NotificationStatus>(OperatorService.Dispatcher, NotificationStatus.Path(notificationId), cancellationToken);
            if (status is null)
            {
                if (DateTimeOffset.UtcNow - waitingSince > StartPatience)
                {
                    throw new CommandFailedException(ExitCodes.NotFound, $"the Dispatcher has not started notification '{notificationId}' after {StartPatience.TotalSeconds:0} s (is it consuming its queue?)");
                }
            }
            else
            {
                yield return status;
                if (status.IsSettled)
                {
                    yield break;
                }
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
