using System.Globalization;
using System.Text.Json;
using ProactiveSuite.Gateway.Capture;
using ProactiveSuite.ServiceDefaults.Identifiers;

namespace ProactiveSuite.Gateway.Messages;

/// <summary>
/// Checks the shape of an incoming activity before the Bot Framework adapter sees it, so that a
/// malformed body gets a 400 that says what is wrong instead of an exception deep in a turn, and
/// nothing that could not be stored as a reference is captured.
/// </summary>
public static class ActivityValidation
{
    /// <summary>The longest id the Registry keys references by; longer ids are not a channel's.</summary>
    public const int MaxIdLength = 512;

    /// <summary>Names, types, locales and other short texts that become part of a stored reference.</summary>
    public const int MaxShortTextLength = 512;

    public const int MaxServiceUrlLength = 2048;

    /// <summary>The name of Teams' read receipt event activity.</summary>
    public const string ReadReceiptName = "application/vnd.microsoft.readReceipt";

    /// <summary>The members that become part of the captured reference, with their longest allowed value.</summary>
    private static readonly (string Path, int MaxLength)[] StoredTexts =
    [
        ("type", MaxShortTextLength), ("id", MaxIdLength), ("channelId", MaxIdLength), ("serviceUrl", MaxServiceUrlLength),
        ("locale", MaxShortTextLength), ("action", MaxShortTextLength), ("timestamp", MaxShortTextLength),
        ("conversation.id", MaxIdLength), ("conversation.conversationType", MaxShortTextLength), ("conversation.tenantId", MaxIdLength),
        ("from.id", MaxIdLength), ("from.name", MaxShortTextLength), ("from.aadObjectId", MaxIdLength),
        ("recipient.id", MaxIdLength), ("recipient.name", MaxShortTextLength), ("recipient.aadObjectId", MaxIdLength),
        ("replyToId", MaxIdLength),
        ("channelData.tenant.id", MaxIdLength), ("channelData.team.id", MaxIdLength), ("channelData.channel.id", MaxIdLength),
        ("conversation.name", MaxShortTextLength), ("channelData.team.name", MaxShortTextLength), ("channelData.channel.name", MaxShortTextLength),
    ];

    /// <summary>Teams' channelData members that capture and the SDK's Teams helpers read as objects with a string id.</summary>
    private static readonly string[] TeamsChannelDataObjects = ["tenant", "team", "channel"];

    /// <summary>The ids that become path segments of the connector's URL when the bot answers.</summary>
    private static readonly string[] ConnectorPathIds = ["conversation.id", "id", "replyToId"];

    /// <returns>Null when the body is an activity the bot can answer, else the reason it is not.</returns>
    public static string? Problem(JsonElement activity)
    {
        if (activity.ValueKind != JsonValueKind.Object)
        {
            return "the body must be a JSON object (a Bot Framework activity)";
        }

        // Escaped lone surrogates parse as JSON but are no text: they would fail later, in the turn or on the bus.
        // A member twice (or in two cases: the SDK reads names without case) would be read differently here and there.
        if (FirstUnreadable(activity, "") is { } unreadable)
        {
            return unreadable;
        }

        foreach (var account in (ReadOnlySpan<string>)["conversation", "from", "recipient"])
        {
            if (activity.TryGetProperty(account, out var value) && value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                return $"{account} must be an object";
            }
        }

        // The SDK's activity handler walks these lists and reads each item's members: a null item would crash the turn.
        foreach (var list in (ReadOnlySpan<string>)["membersAdded", "membersRemoved", "reactionsAdded", "reactionsRemoved", "entities", "attachments"])
        {
            if (activity.TryGetProperty(list, out var value) && value.ValueKind != JsonValueKind.Null
                && (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.Object)))
            {
                return $"{list} must be a list of objects";
            }
        }

        if (activity.TryGetProperty("channelData", out var channelData) && channelData.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in TeamsChannelDataObjects)
            {
                if (channelData.TryGetProperty(member, out var value) && value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                {
                    return $"channelData.{member} must be an object";
                }
            }
        }

        foreach (var (path, maxLength) in StoredTexts)
        {
            if (Find(activity, path) is not { } value || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                return $"{path} must be a string";
            }

            var text = value.GetString()!;
            if (text.Length > maxLength)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{path} is longer than {maxLength} characters");
            }

            if (text.Any(char.IsControl))
            {
                return $"{path} must not contain control characters";
            }
        }

        if (!HasText(activity, "type"))
        {
            return "type is required";
        }

        if (!HasText(activity, "channelId"))
        {
            return "channelId is required";
        }

        if (activity.GetProperty("channelId").GetString()!.Contains('|', StringComparison.Ordinal))
        {
            return "channelId must not contain '|'";
        }

        if (!HasText(activity, "serviceUrl")
            || !Uri.TryCreate(activity.GetProperty("serviceUrl").GetString(), UriKind.Absolute, out var serviceUrl)
            || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
        {
            return "serviceUrl is required and must be an absolute http(s) URL";
        }

        foreach (var account in (ReadOnlySpan<string>)["conversation", "from", "recipient"])
        {
            if (!activity.TryGetProperty(account, out var value) || value.ValueKind != JsonValueKind.Object || !HasText(value, "id"))
            {
                return $"{account}.id is required";
            }
        }

        var channelOfThread = GroupConversationIds.WithoutReplyThread(activity.GetProperty("conversation").GetProperty("id").GetString()!);
        if (channelOfThread.Trim().Length == 0)
        {
            return "conversation.id must name a conversation before ';messageid='";
        }

        // In a group the part before ';messageid=' is what is stored and posted to: it must be a path segment too.
        if (ConnectorPathSegments.Problem(channelOfThread, "conversation.id") is { } unusableChannel)
        {
            return unusableChannel;
        }

        if (UserIds.Problem(activity.GetProperty("from").GetProperty("id").GetString(), "from.id") is { } userIdProblem)
        {
            return userIdProblem;
        }

        foreach (var path in ConnectorPathIds)
        {
            if (Find(activity, path) is { ValueKind: JsonValueKind.String } id && ConnectorPathSegments.Problem(id.GetString(), path) is { } unusable)
            {
                return unusable;
            }
        }

        if (Find(activity, "timestamp") is { ValueKind: JsonValueKind.String } timestamp
            && !DateTimeOffset.TryParse(timestamp.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            return "timestamp must be an ISO-8601 date and time";
        }

        return ReadReceiptProblem(activity);
    }

    /// <summary>Teams' read receipt must name the last message read: it is compared with the ids of delivered copies.</summary>
    private static string? ReadReceiptProblem(JsonElement activity)
    {
        if (Find(activity, "name") is not { ValueKind: JsonValueKind.String } name || name.GetString() != ReadReceiptName
            || Find(activity, "type") is not { ValueKind: JsonValueKind.String } type || type.GetString() != "event")
        {
            return null;
        }

        return Find(activity, "value.lastReadMessageId") is { ValueKind: JsonValueKind.String } id && id.GetString() is { Length: > 0 and <= MaxIdLength } text && !text.Any(char.IsControl)
            ? null
            : $"a read receipt ({ReadReceiptName}) needs value.lastReadMessageId: a message id of at most {MaxIdLength} characters";
    }

    private static bool HasText(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.String
        && !string.IsNullOrWhiteSpace(value.GetString());

    private static JsonElement? Find(JsonElement activity, string path)
    {
        var current = activity;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>
    /// Why the first string or member name cannot be read as UTF-16 text, or a member is given twice
    /// (ignoring case, as the SDK's deserializer matches names), or null when every one can be.
    /// </summary>
    private static string? FirstUnreadable(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsText(() => element.GetString()) ? null : $"{Describe(path)} is not valid Unicode text";
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var member in element.EnumerateObject())
                {
                    if (!IsText(() => member.Name))
                    {
                        return $"a member name in {Describe(path)} is not valid Unicode text";
                    }

                    var memberPath = path.Length == 0 ? member.Name : $"{path}.{member.Name}";
                    if (!names.Add(member.Name))
                    {
                        return $"{memberPath} is given more than once";
                    }

                    if (FirstUnreadable(member.Value, memberPath) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstUnreadable(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]")) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool IsText(Func<string?> read)
    {
        try
        {
            _ = read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string Describe(string path) => path.Length == 0 ? "the activity" : path;
}
