using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ProactiveSuite.Contracts.Notifications;

namespace ProactiveSuite.Bench.Deployment;

/// <summary>A service's operator HTTP API, called as an operator: every request carries the API key as <c>X-Api-Key</c>.</summary>
public sealed class OperatorClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    public OperatorClient(Uri baseUrl, string apiKey)
    {
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(100) };
        _http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
    }

    /// <summary>POST /broadcasts; throws with the service's answer unless it is accepted.</summary>
    public async Task PostBroadcastAsync(SendBroadcast broadcast, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(new Uri("broadcasts", UriKind.Relative), broadcast, Json, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /broadcasts answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>GET /notifications/{id}: the notification's progress, or null while it is not known.</summary>
    public async Task<NotificationStatus?> StatusAsync(string notificationId, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri($"notifications/{Uri.EscapeDataString(notificationId)}", UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<NotificationStatus>(Json, cancellationToken);
    }

    /// <summary>GET /references/{channelId}/{userId}: whether the Registry has the user's reference.</summary>
    public async Task<bool> HasReferenceAsync(string channelId, string userId, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri($"references/{Uri.EscapeDataString(channelId)}/{Uri.EscapeDataString(userId)}", UriKind.Relative), cancellationToken);
        return response.StatusCode == HttpStatusCode.OK
            ? true
            : response.StatusCode == HttpStatusCode.NotFound ? false : throw new InvalidOperationException($"GET /references answered {(int)response.StatusCode}.");
    }

    /// <summary>How many references GET /references lists for a channel, page by page.</summary>
    public async Task<int> CountReferencesAsync(string channelId, CancellationToken cancellationToken)
    {
        var count = 0;
        string? after = null;
        do
        {
            var url = $"references?channelId={Uri.EscapeDataString(channelId)}&limit=500" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}");
            var page = await _http.GetFromJsonAsync<ReferencePage>(new Uri(url, UriKind.Relative), Json, cancellationToken)
                ?? throw new InvalidOperationException("GET /references answered nothing.");
            count += page.Items.Count;
            after = page.Next;
        }
        while (after is not null);

        return count;
    }

    public void Dispose() => _http.Dispose();

    private sealed record ReferencePage(IReadOnlyList<JsonElement> Items, string? Next);
}

/// <summary>The body of GET /notifications/{id}.</summary>
public sealed record NotificationStatus(
    string NotificationId,
    int? Total,
    int? Pending,
    int Delivered,
    int Failed,
    IReadOnlyDictionary<string, int> FailedByReason,
    int Cancelled,
    int Throttled,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt);
