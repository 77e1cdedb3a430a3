using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProactiveSuite.Cli.Connection;

/// <summary>
/// The services' operator HTTP API as the commands call it. Every way a call can go wrong ends as a
/// <see cref="CommandFailedException"/> with one line to print: refused, not found, unreachable.
/// </summary>
public sealed class OperatorApi : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient _dispatcher;
    private readonly HttpClient _registry;

    public OperatorApi(Uri dispatcherUrl, Uri registryUrl, string? apiKey)
    {
        _dispatcher = Client(dispatcherUrl, apiKey);
        _registry = Client(registryUrl, apiKey);
    }

    public Task<T> GetAsync<T>(OperatorService service, string path, CancellationToken cancellationToken) =>
        CallAsync(service, new HttpRequestMessage(HttpMethod.Get, path), ReadAsync<T>, cancellationToken);

    /// <summary>Like <see cref="GetAsync{T}"/>, but null where the service answers 404.</summary>
    public Task<T?> FindAsync<T>(OperatorService service, string path, CancellationToken cancellationToken)
        where T : class =>
        CallAsync<T?>(service, new HttpRequestMessage(HttpMethod.Get, path), async (response, ct) => await ReadAsync<T>(response, ct), cancellationToken, notFoundIsNull: true);

    public Task<T> PostAsync<T>(OperatorService service, string path, object? body, CancellationToken cancellationToken) =>
        CallAsync(service, new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: Json) }, ReadAsync<T>, cancellationToken);

    /// <summary>Copies the answer as it comes (a CSV export may be long) to <paramref name="output"/>.</summary>
    public Task CopyToAsync(OperatorService service, string path, Stream output, CancellationToken cancellationToken) =>
        CallAsync(service, new HttpRequestMessage(HttpMethod.Get, path), async (response, ct) =>
        {
            await response.Content.CopyToAsync(output, ct);
            return true;
        }, cancellationToken);

    public void Dispose()
    {
        _dispatcher.Dispose();
        _registry.Dispose();
    }

    private async Task<T> CallAsync<T>(
        OperatorService service, HttpRequestMessage request, Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken cancellationToken, bool notFoundIsNull = false)
    {
        var client = service == OperatorService.Registry ? _registry : _dispatcher;
        using (request)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(RequestTimeout);
            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return await read(response, timeout.Token);
                }

                if (notFoundIsNull && response.StatusCode == System.Net.HttpStatusCode.NotFound)
                {
                    return default!;
                }

                throw await ServiceRefusal.DescribeAsync(response, timeout.Token);
            }
            catch (HttpRequestException e)
            {
                throw new CommandFailedException(ExitCodes.Unreachable, $"cannot reach {service} at {client.BaseAddress}: {Reason(e)}");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CommandFailedException(ExitCodes.Unreachable, $"{service} at {client.BaseAddress} did not answer within {RequestTimeout.TotalSeconds:0} s");
            }
            catch (JsonException e)
            {
                throw new CommandFailedException(ExitCodes.Unexpected, $"{service} at {client.BaseAddress} answered something that is not its API: {e.Message}");
            }
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken) ?? throw new JsonException("the answer was empty");

    private static string Reason(HttpRequestException e) => e.InnerException switch
    {
        SocketException socket => socket.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused (is it running?)",
            SocketError.HostNotFound => "host not found",
            _ => socket.Message,
        },
        { } inner => inner.Message,
        null => e.Message,
    };

    private static HttpClient Client(Uri baseUrl, string? apiKey)
    {
        // Relative paths resolve under the base's own path only when it ends in a slash.
        var client = new HttpClient { BaseAddress = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/"), Timeout = Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrEmpty(apiKey))
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }
}
