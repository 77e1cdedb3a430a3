using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ProactiveSuite.EndToEnd.Tests.Security.Fuzzing;

/// <summary>The raw material of hostile input: odd values, huge and deep JSON, broken text. Seeded, so a failure can be replayed.</summary>
public sealed class HostileJson(Random random)
{
    private static readonly string[] OddTexts =
    [
        "", " ", "\t", "null", "undefined", "0", "-1", "1e309", "NaN", "true", "{}", "[]", "\"", "\\", "'; DROP TABLE users; --",
        "<script>alert(1)</script>", "../../../../etc/passwd", "%00", "${jndi:ldap://x}", "{{7*7}}", "\u202Eevil\u202C", "\u200B\u200D\uFEFF",
        "Z\u0351\u0352\u0353\u0354a\u0355\u0356l\u0357g\u0358o", "😀👩‍👩‍👧‍👦🏳️‍🌈", "\uFFFD\uFFFF", "日本語のテキスト", "עברית", "مرحبا",
    ];

    public Random Random => random;

    /// <summary>Text that is odd but valid Unicode: a well-behaved endpoint accepts or refuses it with a reason.</summary>
    public string OddText() => OddTexts[random.Next(OddTexts.Length)];

    public string HugeText(int minLength, int maxLength) => new((char)random.Next('a', 'z' + 1), random.Next(minLength, maxLength));

    /// <summary>Any JSON value: the wrong type for whatever member it replaces.</summary>
    public JsonNode? AnyValue(int depth = 0) => random.Next(depth > 2 ? 6 : 9) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.NextInt64(long.MinValue, long.MaxValue)),
        3 => JsonValue.Create(random.NextDouble() * Math.Pow(10, random.Next(-300, 300))),
        4 => JsonValue.Create(OddText()),
        5 => JsonValue.Create(HugeText(1, 2000)),
        6 => new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => AnyValue(depth + 1))]),
        7 => new JsonObject([.. Enumerable.Range(0, random.Next(4)).Select(i => KeyValuePair.Create($"k{i}", AnyValue(depth + 1)))]),
        _ => JsonValue.Create(OddText()),
    };

    /// <summary>Nested arrays or objects far deeper than any parser here accepts (64).</summary>
    public string Deep(int depth) => random.Next(2) == 0
        ? new string('[', depth) + new string(']', depth)
        : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    /// <summary>A JSON string literal holding an unpaired surrogate: valid JSON, invalid text.</summary>
    public string LoneSurrogateLiteral() => random.Next(3) switch
    {
        0 => "\"\\ud800\"",
        1 => "\"abc\\udfffdef\"",
        _ => string.Create(CultureInfo.InvariantCulture, $"\"x\\u{random.Next(0xD800, 0xDFFF):x4}\""),
    };

    /// <summary>Bytes that are not UTF-8 at all.</summary>
    public byte[] InvalidUtf8(string around)
    {
        var bytes = Encoding.UTF8.GetBytes(around).ToList();
        byte[][] broken = [[0xC3, 0x28], [0xFF], [0xFE, 0xFF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80]];
        bytes.InsertRange(random.Next(bytes.Count + 1), broken[random.Next(broken.Length)]);
        return [.. bytes];
    }

    public byte[] RandomBytes(int maxLength)
    {
        var bytes = new byte[random.Next(maxLength)];
        random.NextBytes(bytes);
        return bytes;
    }
}
