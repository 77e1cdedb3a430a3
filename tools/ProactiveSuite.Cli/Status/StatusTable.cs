using System.Globalization;
using Spectre.Console;

namespace ProactiveSuite.Cli.Status;

/// <summary>A notification's status as a table: the counts, failures by reason, and when it started and finished.</summary>
public static class StatusTable
{
    public static Table Of(NotificationStatus status)
    {
        var table = new Table().Title($"Notification {Markup.Escape(status.NotificationId)}").AddColumn("").AddColumn(new TableColumn("").RightAligned()).HideHeaders();
        table.AddRow("state", State(status));
        table.AddRow("recipients", Number(status.Total));
        table.AddRow("pending", Number(status.Pending));
        table.AddRow("delivered", Number(status.Delivered));
        table.AddRow("failed", Number(status.Failed));
        foreach (var (reason, count) in (status.FailedByReason ?? new Dictionary<string, int>()).OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal))
        {
            table.AddRow($"  {Markup.Escape(reason)}", Number(count));
        }

        table.AddRow("cancelled", Number(status.Cancelled));
        if (status.Unknown > 0)
        {
            table.AddRow("unknown (sent, unanswered, then cancelled)", Number(status.Unknown));
        }

        table.AddRow("throttled", Number(status.Throttled));
        table.AddRow("read", Number(status.Read));
        if (status.RecallRequested || status.EditRequestedAt is not null)
        {
            table.AddRow("recalled", Number(status.Recalled));
            table.AddRow("edited", Number(status.Edited));
            table.AddRow("copies changing", Number(status.CopiesChanging));
        }

        if (status.Retrying is { } retrying)
        {
            // Why nothing moves, without a second call: who waits, until when, and the channel's last answer.
            table.AddRow("retrying", Number(retrying.Count));
            table.AddRow("  next attempt", Time(retrying.NextAttemptAt));
            if (retrying.LastFailure is { } failure)
            {
                table.AddRow("  last failure", Markup.Escape($"{(failure.StatusCode is { } code ? code.ToString(CultureInfo.InvariantCulture) : "no answer")} at {Time(failure.At)}"));
                table.AddRow("  reason", Markup.Escape(failure.Reason ?? ""));
            }
        }

        table.AddRow("started", Time(status.StartedAt));
        table.AddRow("finished", status.FinishedAt is { } finished ? Time(finished) : "-");
        return table;
    }

    private static string State(NotificationStatus status) => status switch
    {
        { RecallRequested: true, CopiesChanging: 0, IsSettled: true } => "recalled",
        { RecallRequested: true } => "recalling",
        { IsSettled: true, CancelRequested: true } => "cancelled",
        { IsSettled: true } => "completed",
        { CancelRequested: true } => "cancelling",
        _ => "in progress",
    };

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";

    private static string Time(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
