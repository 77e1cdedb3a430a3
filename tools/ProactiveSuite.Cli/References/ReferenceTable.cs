using System.Globalization;
using Spectre.Console;

namespace ProactiveSuite.Cli.References;

/// <summary>Stored references as a table: whom the bot can reach, in which conversation, since when.</summary>
public static class ReferenceTable
{
    public static Table Of(IEnumerable<StoredReferenceView> references)
    {
        var table = new Table().AddColumns("channel", "user", "name", "conversation", "tenant", "last activity", "state");
        foreach (var reference in references)
        {
            var address = reference.Address;
            table.AddRow(
                Markup.Escape(address.ChannelId),
                Markup.Escape(address.User.Id),
                Markup.Escape(address.User.Name ?? "-"),
                Markup.Escape(address.Conversation.Id),
                Markup.Escape(address.Conversation.TenantId ?? "-"),
                reference.LastActivityAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                reference.RevokedAt is null ? "active" : Markup.Escape($"revoked ({reference.RevokedReasonCode ?? "?"})"));
        }

        return table;
    }
}
