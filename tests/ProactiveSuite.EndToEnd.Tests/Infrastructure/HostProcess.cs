using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.Testing;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The single-process host (in-memory bus, embedded store) on a data directory of the test's choosing, posting
/// to a channel emulator that lives in the test: its transcript outlives the host, which a test may kill
/// and start again on the same files, or run twice on one directory.
/// </summary>
public sealed class HostProcess(string name, string dataDirectory, ChannelEmulatorServer channel, IReadOnlyDictionary<string, string>? settings = null) : IAsyncDisposable
{
    private ServiceProcess? _process;

    public Uri Url { get; } = ServiceEnvironment.LoopbackUrl(FreePort.Next());

    public HttpClient Http { get; } = Client();

    public async Task StartAsync()
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = Url.ToString(),
            ["Store__EmbeddedDirectory"] = dataDirectory,
            ["Emulator__GatewayUrl"] = new Uri(Url, "/api/messages").ToString(),
            ["Emulator__PublicBaseUrl"] = Url.ToString(),
            ["ServiceUrls__LocalOrigins__1"] = Url.ToString(),
        }.WithChannelEmulator(channel.BaseUrl).WithEmulatorChannel(channel).WithShortDeliveryWaits();
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        _process = await ServiceProcess.StartAsync(name, RepositoryPaths.ServiceDll("ProactiveSuite.Host"), environment, new Uri(Url, "/health"), TestContext.Current.CancellationToken);
        Http.BaseAddress ??= Url;
    }

    /// <summary>SIGKILL, as a crash would; <see cref="StartAsync"/> starts it again on the same files and port.</summary>
    public async Task KillAsync()
    {
        if (_process is not null)
        {
            await _process.KillAsync();
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public string Logs() => _process?.LogTail(40) ?? $"({name} is not running)";

    /// <summary>Users write to the bot through the channel, as many at once as <paramref name="parallel"/>, until the host's Registry holds all of them.</summary>
    public async Task UsersWriteAsync(IReadOnlyList<string> users, int parallel = 8)
    {
        channel.Options.GatewayUrl = new Uri(Url, "/api/messages");
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (user, _) =>
        {
            using var said = await channel.UserSaysAsync(user, "hello");
            Assert.True(said.IsSuccessStatusCode, $"{user} could not write: {said.StatusCode}");
        });
        await Eventually.Until(async () => await StoredReferencesAsync() >= users.Count ? "" : null, $"{users.Count} references stored", Logs, patience: TimeSpan.FromMinutes(3));
    }

    public async Task<JsonObject?> StatusAsync(string id)
    {
        var response = await Http.GetAsync(new Uri($"/notifications/{id}", UriKind.Relative), TestContext.Current.CancellationToken);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken) : null;
    }

    public async Task BroadcastToChannelAsync(string id, string text)
    {
        using var accepted = await Http.PostAsJsonAsync(new Uri("/broadcasts", UriKind.Relative), new { notificationId = id, audience = new { channelId = "emulator" }, text }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    public async Task<int> StoredReferencesAsync()
    {
        var count = 0;
        string? after = null;
        do
        {
            var page = (await Http.GetFromJsonAsync<JsonObject>(new Uri($"/references?channelId=emulator&limit=500{(after is null ? "" : "&after=" + Uri.EscapeDataString(after))}", UriKind.Relative), TestContext.Current.CancellationToken))!;
            count += page["items"]!.AsArray().Count;
            after = page["next"]?.GetValue<string>();
        }
        while (after is not null);
        return count;
    }

    /// <summary><c>PRAGMA integrity_check</c> of every store file in <paramref name="directory"/> (run while no host has it open).</summary>
    public static IReadOnlyDictionary<string, string> IntegrityOf(string directory) =>
        Directory.GetFiles(directory, "*.db").ToDictionary(file => Path.GetFileName(file), file =>
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False");
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            return (string)check.ExecuteScalar()!;
        });

    private static HttpClient Client()
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", EmbeddedDefaultHost.LocalOperatorKey);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
