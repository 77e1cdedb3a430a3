namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One HTTP client for a system of separate processes, as a reverse proxy in front of them would be: a request
/// goes by its path to the process that serves it (the channel emulator <c>/emulator/...</c>, the Registry
/// <c>/references</c>, the group <c>/conversations</c> and the operator's <c>/users</c> erasure, the Dispatcher <c>/surveys</c>,
/// <c>/notifications</c> and <c>/broadcasts</c>), with the operator key. Its base address is the channel
/// emulator's, which answers anything else (404 for a path it does not serve).
/// </summary>
public static class FrontDoor
{
    public static HttpClient For(RabbitMqSystem system)
    {
        var client = new HttpClient(new Router(system)) { BaseAddress = system.Channel.BaseUrl };
        client.DefaultRequestHeaders.Add("X-Api-Key", ServiceEnvironment.OperatorApiKey);
        return client;
    }

    private sealed class Router(RabbitMqSystem system) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            var target = FirstSegment(path) switch
            {
                "references" or "conversations" or "users" => system.RegistryUrl,
                "surveys" or "notifications" or "broadcasts" => system.DispatcherUrl,
                _ => system.Channel.BaseUrl,
            };
            request.RequestUri = new UriBuilder(request.RequestUri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }

        private static string FirstSegment(string path) => path.TrimStart('/').Split('/', 2)[0];
    }
}
