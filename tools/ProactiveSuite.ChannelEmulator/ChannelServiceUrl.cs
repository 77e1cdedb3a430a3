namespace ProactiveSuite.ChannelEmulator;

/// <summary>The serviceUrl the emulator advertises: where the bot's connector client must call it back.</summary>
internal sealed class ChannelServiceUrl(ChannelEmulatorOptions options, string prefix)
{
    public string For(HttpRequest request)
    {
        if (options.PublicBaseUrl is { } configured)
        {
            // Without the trailing slash, like the Emulator's own serviceUrl (http://localhost:5005).
            return configured.AbsoluteUri.TrimEnd('/');
        }

        // Route groups do not move PathBase, so the prefix is added here for the connector routes to be found.
        return $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}{prefix}";
    }
}
