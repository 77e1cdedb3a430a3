using System.Globalization;
using ProactiveSuite.Cli.Connection;
using ProactiveSuite.Cli.Status;
using Spectre.Console;

namespace ProactiveSuite.Cli.Broadcast;

/// <summary>
/// Shows a broadcast's progress until it settles: a live bar on a terminal, one line per change when the
/// output is redirected (a log keeps every step; a bar there would be escape codes). The last line,
/// either way, states the settled counts.
/// </summary>
public static class BroadcastProgressView
{
    public static async Task<NotificationStatus> FollowAsync(OperatorApi api, string notificationId, CancellationToken cancellationToken)
    {
        var rate = new DeliveryRate();
        var settled = AnsiConsole.Profile.Capabilities.Interactive
            ? await LiveBarAsync(api, notificationId, rate, cancellationToken)
            : await LinesAsync(api, notificationId, rate, cancellationToken);
        // The service's own clock for the whole run: this tool may have started watching late.
        var seconds = Math.Max(((settled.FinishedAt ?? settled.StartedAt) - settled.StartedAt).TotalSeconds, 0.001);
        var perSecond = (settled.Delivered / seconds).ToString("0.0", CultureInfo.InvariantCulture);
        AnsiConsole.MarkupLineInterpolated(
            $"Broadcast [bold]{notificationId}[/] settled: {settled.Summary()} in {seconds.ToString("0.0", CultureInfo.InvariantCulture)} s ({perSecond}/s).");
        return settled;
    }

    private static async Task<NotificationStatus> LiveBarAsync(OperatorApi api, string notificationId, DeliveryRate rate, CancellationToken cancellationToken) =>
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(notificationId), maxValue: 1);
                task.IsIndeterminate = true;
                NotificationStatus? last = null;
                await foreach (var status in StatusFeed.FollowAsync(api, notificationId, cancellationToken))
                {
                    rate.Observe(status.Delivered, status.StartedAt);
                    if (status.Total is { } total)
                    {
                        task.IsIndeterminate = false;
                        task.MaxValue = Math.Max(total, 1);
                        task.Value = total == 0 ? 1 : status.Settled;
                    }

                    // The bar and the percentage show the total: the description keeps to what the bar cannot say.
                    task.Description = Markup.Escape($"{status.Delivered} delivered, {status.Failed} failed, {status.Throttled} throttled{(status.Cancelled > 0 ? $", {status.Cancelled} cancelled" : "")}, {Rate(rate)}");
                    last = status;
                }

                task.StopTask();
                return last!;
            });

    private static async Task<NotificationStatus> LinesAsync(OperatorApi api, string notificationId, DeliveryRate rate, CancellationToken cancellationToken)
    {
        NotificationStatus? last = null;
        await foreach (var status in StatusFeed.FollowAsync(api, notificationId, cancellationToken))
        {
            rate.Observe(status.Delivered, status.StartedAt);
            if (last is null || Changed(last, status))
            {
                AnsiConsole.WriteLine($"{notificationId}: {Counts(status, rate)}");
            }

            last = status;
        }

        return last!;
    }

    private static bool Changed(NotificationStatus before, NotificationStatus now) =>
        before.Delivered != now.Delivered || before.Failed != now.Failed || before.Cancelled != now.Cancelled || before.Throttled != now.Throttled || before.Total != now.Total;

    private static string Counts(NotificationStatus status, DeliveryRate rate) =>
        $"delivered {status.Delivered}, failed {status.Failed}, throttled {status.Throttled}, cancelled {status.Cancelled}, of {(status.Total?.ToString(CultureInfo.InvariantCulture) ?? "?")}, {Rate(rate)}";

    private static string Rate(DeliveryRate rate) => $"{rate.PerSecond.ToString("0.0", CultureInfo.InvariantCulture)}/s";
}
