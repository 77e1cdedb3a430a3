using System.Text.Json.Nodes;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// A control route's JSON body, read field by field. The first problem found is kept (later reads return null), so a
/// handler reads its fields in order and answers 400 with <see cref="Problem"/> at the end. Unknown properties are
/// problems too: a misspelt <c>retryAfterSecond</c> must not silently mean "no Retry-After".
/// </summary>
internal sealed class ControlBody
{
    private readonly JsonObject _json;

    private ControlBody(JsonObject json) => _json = json;

    /// <summary>The first thing wrong with the body, or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>The body of <paramref name="request"/> when it is a JSON object; otherwise null and why.</summary>
    /// <param name="request">The control request.</param>
    /// <param name="shape">The expected shape, for the 400 message, e.g. <c>{"milliseconds": 50}</c>.</param>
    /// <param name="ct">The request's cancellation.</param>
    public static async Task<(ControlBody? Body, string? Problem)> ReadAsync(HttpRequest request, string shape, CancellationToken ct)
    {
        var json = await RequestJson.ReadObjectAsync(request, ct).ConfigureAwait(false);
        return json is null ? (null, $"The body must be a JSON object: {shape}.") : (Of(json), null);
    }

    /// <summary>A nested object (e.g. one window of a list), read the same way.</summary>
    public static ControlBody Of(JsonObject json) => new(json);

    public bool Has(string name) => _json[name] is not null;

    /// <summary>Reports the first property not in <paramref name="allowed"/>.</summary>
    public void Allow(params string[] allowed)
    {
        foreach (var property in _json)
        {
            if (!allowed.Contains(property.Key, StringComparer.Ordinal))
            {
                Fail($"unknown property '{property.Key}': use {string.Join(", ", allowed)}.");
                return;
            }
        }
    }

    public string? String(string name) =>
        Read(name, node => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null, "a string");

    public bool? Bool(string name) =>
        Read<bool?>(name, node => node is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null, "true or false");

    public int? Int(string name) =>
        Read<int?>(name, node => node is JsonValue value && value.TryGetValue<int>(out var number) ? number : null, "a whole number");

    public double? Number(string name) =>
        Read<double?>(name, node => node is JsonValue value && value.TryGetValue<double>(out var number) && double.IsFinite(number) ? number : null, "a number");

    public JsonArray? Array(string name) => Read(name, node => node as JsonArray, "a list");

    /// <summary>Records <paramref name="problem"/> unless an earlier one is already kept.</summary>
    public void Fail(string problem) => Problem ??= problem;

    /// <summary>The property converted, or null when absent, JSON null, of the wrong type, or after a problem.</summary>
    private T? Read<T>(string name, Func<JsonNode, T?> convert, string expected)
    {
        if (Problem is not null || _json[name] is not { } node)
        {
            return default;
        }
        var converted = convert(node);
        if (converted is null)
        {
            Fail($"{name} must be {expected}.");
        }
        return converted;
    }
}
