using System.Globalization;
using Spectre.Console;

namespace ProactiveSuite.Cli.Status;

/// <summary>A page of a notification's recipients as a table.</summary>
public static class RecipientTable
{
    public static Table Of(RecipientPage page)
    {
        var table = new Table().AddColumns("channel", "user / conversation", "state", "attempts", "status", "reason", "updated");
        foreach (var row in page.Items)
        {
            table.AddRow(
                Markup.Escape(row.ChannelId),
                Markup.Escape(row.UserId ?? $"conversation {row.ConversationId}"),
                Markup.Escape(row.State),
                row.Attempts.ToString(CultureInfo.InvariantCulture),
                row.LastStatusCode?.ToString(CultureInfo.InvariantCulture) ?? "-",
                Markup.Escape(row.FailureReasonCode ?? "-"),
                row.UpdatedAt.ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        }

        return table;
    }
}
