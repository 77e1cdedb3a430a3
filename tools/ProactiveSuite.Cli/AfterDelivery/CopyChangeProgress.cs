using System.Globalization;
using ProactiveSuite.Cli.Broadcast;
using ProactiveSuite.Cli.Connection;
using ProactiveSuite.Cli.Status;
using Spectre.Console;

namespace ProactiveSuite.Cli.AfterDelivery;

/// <summary>
/// Follows a recall or an edit until every delivered copy is changed (and, for a recall, nothing is left to cancel):
/// one line per change, as <c>broadcast</c> prints when its output is redirected; the last line states the counts.
/// </summary>
public static class CopyChangeProgress
{
    /// <param name="taken">True once the status shows the Dispatcher has taken the recall or edit (the bus carries it first).</param>
    public static async Task<NotificationStatus> FollowAsync(OperatorApi api, string notificationId, string what, Func<NotificationStatus, bool> taken, CancellationToken cancellationToken)
    {
        NotificationStatus? last = null;
        while (true)
        {
            var status = await api.GetAsync<NotificationStatus>(OperatorService.Dispatcher, NotificationStatus.Path(notificationId), cancellationToken);
            if (last is null || Line(last) != Line(status))
            {
                AnsiConsole.WriteLine($"{notificationId}: {Line(status)}");
            }

            last = status;
            if (taken(status) && status.CopiesChanging == 0 && (!status.RecallRequested || status.IsSettled))
            {
                AnsiConsole.MarkupLineInterpolated($"{what} of [bold]{notificationId}[/] done: {Line(status)}.");
                return status;
            }

            await Task.Delay(StatusFeed.PollInterval, cancellationToken);
        }
    }

    private static string Line(NotificationStatus s) => string.Create(
        CultureInfo.InvariantCulture,
        $"delivered {s.Delivered}, recalled {s.Recalled}, edited {s.Edited}, still to change {s.CopiesChanging}, cancelled {s.Cancelled}, read {s.Read}");
}
