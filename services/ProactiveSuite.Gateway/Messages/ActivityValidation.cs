using System.Text.Json;

namespace ProactiveSuite.Gateway.Messages;

/// <summary>
/// Checks the shape of an incoming activity before the Bot Framework adapter sees it, so that a
/// malformed body gets a 400 that says what is wrong instead of an exception deep in a turn.
/// </summary>
public static class ActivityValidation
{
    /// <returns>Null when the body is an activity the bot can answer, else the reason it is not.</returns>
    public static string? Problem(JsonElement activity)
    {
        if (activity.ValueKind != JsonValueKind.Object)
        {
            return "the body must be a JSON object (a Bot Framework activity)";
        }

        if (!HasText(activity, "type"))
        {
            return "type is required";
        }

        if (!HasText(activity, "channelId"))
        {
            return "channelId is required";
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

        return null;
    }

    private static bool HasText(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.String
        && !string.IsNullOrWhiteSpace(value.GetString());
}
