using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ProactiveSuite.Bench.Measurements;

/// <summary>
/// The Gateway's <c>/api/messages</c> latency with reference capture (publishing <c>ReferenceCaptured</c> before the
/// bot answers) against the same bot without it (<c>Gateway:CaptureReferences=false</c>): two Gateway processes on the
/// same broker, sent the same sequence of user messages one request at a time, alternating between them (and which
/// goes first), so that whatever else the machine does falls on both alike.
/// </summary>
public static class CaptureOverhead
{
    private const int Users = 50;

    public static async Task<CaptureResult> MeasureAsync(Uri withCapture, Uri withoutCapture, Uri emulator, int requests, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var warmUp = Math.Max(50, requests / 10);
        var with = new List<double>(requests);
        var without = new List<double>(requests);
        for (var i = 0; i < warmUp + requests; i++)
        {
            var withFirst = i % 2 == 0;
            var first = await PostAsync(http, withFirst ? withCapture : withoutCapture, Activity(emulator, withFirst ? "capw" : "capo", i), cancellationToken);
            var second = await PostAsync(http, withFirst ? withoutCapture : withCapture, Activity(emulator, withFirst ? "capo" : "capw", i), cancellationToken);
            if (i >= warmUp)
            {
                with.Add(withFirst ? first : second);
                without.Add(withFirst ? second : first);
            }
        }

        with.Sort();
        without.Sort();
        var withStats = LatencyStats.Of(with);
        var withoutStats = LatencyStats.Of(without);
        return new CaptureResult(
            requests,
            withStats,
            withoutStats,
            Math.Round(withStats.P50Milliseconds / withoutStats.P50Milliseconds, 3),
            Math.Round(withStats.P99Milliseconds / withoutStats.P99Milliseconds, 3));
    }

    private static async Task<double> PostAsync(HttpClient http, Uri gateway, JsonObject activity, CancellationToken cancellationToken)
    {
        using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync(new Uri(gateway, "/api/messages"), content, cancellationToken);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Accepted))
        {
            throw new InvalidOperationException($"{gateway} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return elapsed;
    }

    /// <summary>The i-th message of the sequence: users take turns, each conversation goes on where it was.</summary>
    private static JsonObject Activity(Uri emulator, string prefix, int i)
    {
        var user = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i % Users:D6}");
        return new JsonObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["serviceUrl"] = emulator.ToString(),
            ["channelId"] = "emulator",
            ["from"] = new JsonObject { ["id"] = user, ["name"] = "Bench User" },
            ["recipient"] = new JsonObject { ["id"] = "bot-proactive", ["name"] = "ProactiveBot" },
            ["conversation"] = new JsonObject { ["id"] = "emu-" + user, ["conversationType"] = "personal" },
            ["text"] = string.Create(CultureInfo.InvariantCulture, $"message {i / Users}"),
            ["locale"] = "en-US",
        };
    }

    /// <summary>Sequence users of each Gateway: <c>capw-…</c> went through the capturing one, <c>capo-…</c> through the other.</summary>
    public static string UserOf(bool capturing, int index) => string.Create(CultureInfo.InvariantCulture, $"{(capturing ? "capw" : "capo")}-{index:D6}");
}

/// <summary>Latency of a set of requests, in milliseconds.</summary>
public sealed record LatencyStats(double P50Milliseconds, double P90Milliseconds, double P99Milliseconds, double MeanMilliseconds, double MaxMilliseconds)
{
    public static LatencyStats Of(IReadOnlyList<double> sorted) => new(
        Math.Round(Percentiles.Of(sorted, 50), 2),
        Math.Round(Percentiles.Of(sorted, 90), 2),
        Math.Round(Percentiles.Of(sorted, 99), 2),
        Math.Round(sorted.Average(), 2),
        Math.Round(sorted[^1], 2));
}

/// <param name="Requests">Measured requests per Gateway (after a warm-up).</param>
/// <param name="P50Ratio">p50 with capture / p50 without.</param>
/// <param name="P99Ratio">p99 with capture / p99 without.</param>
public sealed record CaptureResult(int Requests, LatencyStats WithCapture, LatencyStats WithoutCapture, double P50Ratio, double P99Ratio);
