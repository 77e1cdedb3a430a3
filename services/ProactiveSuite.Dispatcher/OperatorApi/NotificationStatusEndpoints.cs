using System.Globalization;
using System.Text;
using ProactiveSuite.Dispatcher.Copies;
using ProactiveSuite.Dispatcher.Ledger;
using ProactiveSuite.Dispatcher.Progress;
using ProactiveSuite.ServiceDefaults.Http;

namespace ProactiveSuite.Dispatcher.OperatorApi;

/// <summary>How a notification is going, over HTTP: the counts, each recipient, and a CSV export.</summary>
public static class NotificationStatusEndpoints
{
    public const int MaxPageSize = 1000;

    public static IEndpointRouteBuilder MapNotificationStatus(this IEndpointRouteBuilder endpoints)
    {
        var notifications = endpoints.MapGroup("/notifications/{notificationId}").WithTags("Notifications");

        notifications.MapGet("/", async (string notificationId, INotificationProgressStore progress, IDeliveryLedger ledger, CancellationToken ct) =>
        {
            if (await progress.FindAsync(notificationId, ct) is not { } found)
            {
                return Results.Problem($"No notification '{notificationId}' is known.", statusCode: StatusCodes.Status404NotFound);
            }

            // Read from the ledger on the GET (only the waiting records), not kept in counters: it is exact
            // after any crash and costs the deliveries nothing. A finished notification has none waiting.
            var retrying = found.FinishedAt is null ? await ledger.FindRetryWaitsAsync(notificationId, ct) : null;
            var copies = await ledger.CountCopiesAsync(notificationId, ct);
            return Results.Ok(StatusView.Of(found, retrying, copies, await PendingCopyChanges.CountAsync(ledger, found, ct)));
        });

        notifications.MapGet("/recipients", async (string notificationId, HttpRequest http, IDeliveryLedger ledger, CancellationToken ct) =>
        {
            var values = new QueryValues(http.Query);
            var (after, pageSize) = (values.Text("after"), values.WholeNumber("limit", 100));
            if (values.Problem is { } unusable)
            {
                return Results.Problem(unusable + ".", statusCode: StatusCodes.Status400BadRequest);
            }

            if (pageSize is < 1 or > MaxPageSize)
            {
                return Results.Problem($"limit must be between 1 and {MaxPageSize}.", statusCode: StatusCodes.Status400BadRequest);
            }

            var page = await ledger.ListAsync(notificationId, after, pageSize, ct);
            return Results.Ok(new { items = page.Select(RecipientView.Of), next = page.Count == pageSize ? page[^1].Key.Value : null });
        });

        notifications.MapGet("/recipients.csv", (string notificationId, IDeliveryLedger ledger, HttpResponse response, CancellationToken ct) =>
            WriteCsvAsync(notificationId, ledger, response, ct));

        return endpoints;
    }

    // Streams page by page: an export of 100,000 recipients never sits in memory whole.
    private static async Task WriteCsvAsync(string notificationId, IDeliveryLedger ledger, HttpResponse response, CancellationToken cancellationToken)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{Uri.EscapeDataString(notificationId)}-recipients.csv\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false));
        await writer.WriteLineAsync("channelId,userId,state,attempts,lastStatusCode,failureReasonCode,conversationId,activityId,updatedAt,lastError,readAt,recalledAt,editedAt");
        string? after = null;
        IReadOnlyList<DeliveryRecord> page;
        do
        {
            page = await ledger.ListAsync(notificationId, after, MaxPageSize, cancellationToken);
            foreach (var record in page)
            {
                await writer.WriteLineAsync(string.Join(',',
                    Csv(record.Key.ChannelId), Csv(record.Key.UserId), record.State.ToString(), record.Attempts.ToString(CultureInfo.InvariantCulture),
                    record.LastStatusCode?.ToString(CultureInfo.InvariantCulture) ?? "", Csv(record.FailureReasonCode), Csv(record.ConversationId ?? record.Key.ConversationId), Csv(record.ActivityId),
                    record.UpdatedAt.ToString("O", CultureInfo.InvariantCulture), Csv(record.LastError),
                    Time(record.Copy?.ReadAt), Time(record.Copy?.RecalledAt), Time(record.Copy?.EditedAt)));
            }

            after = page.Count > 0 ? page[^1].Key.Value : null;
        }
        while (page.Count == MaxPageSize);
    }

    private static string Time(DateTimeOffset? at) => at?.ToString("O", CultureInfo.InvariantCulture) ?? "";

    /// <summary>RFC 4180 quoting, and a leading quote mark against formula injection in spreadsheets.</summary>
    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    /// <param name="Unknown">Cancelled after a send that went unanswered (a crash mid-send): the user may have it.</param>
    /// <param name="Retrying">The recipients waiting for a retry after a failure, and why; null when none wait.</param>
    /// <param name="Read">Delivered copies a read receipt covered.</param>
    /// <param name="Recalled">Delivered copies deleted (or already gone) after a recall.</param>
    /// <param name="Edited">Delivered copies updated after an edit.</param>
    /// <param name="CopiesChanging">Delivered copies whose delete (recall) or update (edit) is still to be made.</param>
    private sealed record StatusView(
        string NotificationId, int? Total, int? Pending, int Delivered, int Failed, IReadOnlyDictionary<string, int> FailedByReason,
        int Cancelled, int Unknown, int Throttled, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, bool CancelRequested, RetryWaits? Retrying,
        int Read, int Recalled, int Edited, int CopiesChanging, bool RecallRequested, DateTimeOffset? EditRequestedAt)
    {
        public static StatusView Of(NotificationProgress p, RetryWaits? retrying, CopyCounts copies, int copiesChanging) => new(
            p.NotificationId, p.Total, p.Pending, p.Delivered, p.Failed, p.FailedByReason, p.Cancelled, p.Unknown, p.Throttled, p.StartedAt, p.FinishedAt, p.CancelRequested, retrying,
            copies.Read, copies.Recalled, copies.Edited, copiesChanging, p.RecallRequested, p.Edit?.RequestedAt);
    }

    /// <param name="UserId">The user; null when the recipient is a group conversation (then <paramref name="ConversationId"/> names it).</param>
    /// <param name="ChangeError">Why the last recall or edit of the copy failed, when it did.</param>
    private sealed record RecipientView(
        string ChannelId, string? UserId, string State, int Attempts, int? LastStatusCode, string? FailureReasonCode,
        string? ConversationId, string? ActivityId, string? LastError, DateTimeOffset UpdatedAt,
        DateTimeOffset? ReadAt, DateTimeOffset? RecalledAt, DateTimeOffset? EditedAt, string? ChangeError)
    {
        public static RecipientView Of(DeliveryRecord r) => new(
            r.Key.ChannelId, r.Key.UserId, r.State.ToString(), r.Attempts, r.LastStatusCode, r.FailureReasonCode, r.ConversationId ?? r.Key.ConversationId, r.ActivityId, r.LastError, r.UpdatedAt,
            r.Copy?.ReadAt, r.Copy?.RecalledAt, r.Copy?.EditedAt, r.Copy?.LastChangeError);
    }
}
