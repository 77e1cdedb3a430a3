using System.Net;
using System.Text.Json;

namespace ProactiveSuite.Cli.Connection;

/// <summary>Turns a service's error answer (an RFC 7807 problem where it sends one) into one line and an exit code.</summary>
public static class ServiceRefusal
{
    public static async Task<CommandFailedException> DescribeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        var phrase = response.ReasonPhrase ?? response.StatusCode.ToString();
        var status = $"{code} {phrase}";
        var reason = await ReasonAsync(response, phrase, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new CommandFailedException(ExitCodes.Unauthorized, $"{status}: the API key was not accepted (set --api-key or PROACTIVE_API_KEY){Suffix(reason)}"),
            HttpStatusCode.Forbidden => new CommandFailedException(ExitCodes.Unauthorized, $"{status}: this API key may not do that{Suffix(reason)}"),
            HttpStatusCode.NotFound => new CommandFailedException(ExitCodes.NotFound, $"{status}: {reason ?? $"nothing at {response.RequestMessage?.RequestUri}"}"),
            _ when code >= 500 => new CommandFailedException(ExitCodes.ServiceFailed, $"{status} from {response.RequestMessage?.RequestUri}{Suffix(reason)}"),
            _ => new CommandFailedException(ExitCodes.Rejected, $"{status}: {reason ?? "the request was refused"}"),
        };
    }

    private static string Suffix(string? reason) => reason is null ? "" : $": {reason}";

    private static async Task<string?> ReasonAsync(HttpResponseMessage response, string phrase, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            // ASP.NET Core's default title repeats the status line.
            var title = Text(problem.RootElement, "title") is { } t && !t.Equals(phrase, StringComparison.OrdinalIgnoreCase) ? t : null;
            var detail = Text(problem.RootElement, "detail");
            return (title, detail) switch
            {
                (null, null) => null,
                (null, _) => detail,
                (_, null) => title,
                _ => $"{title}: {detail}",
            };
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's HTML page, say): the status line says enough.
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
