using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Rest;
using Newtonsoft.Json;

namespace ProactiveSuite.Dispatcher.Connector;

/// <summary>
/// The SDK's own authentication with one change: the connector client of a channel's connector URL is made once
/// and reused, instead of once per proactive turn. The SDK makes a new <see cref="ConnectorClient"/> for every
/// <c>ContinueConversationAsync</c>, and every new client brings a Json.NET contract resolver of its own, which
/// rebuilds (by reflection and compiled expressions) the contract of every activity type on its first send: about
/// 15 ms of CPU per delivery, which held a Dispatcher near 120 deliveries a second on two cores
/// (docs/benchmarks.md). A client is safe to share: its HTTP client comes from the factory, and its credentials
/// fetch, cache and renew their own tokens. One client per bot, connector URL and audience: a handful per channel.
/// </summary>
internal sealed class ReusedConnectorClients(BotFrameworkAuthentication sdk) : BotFrameworkAuthentication
{
    private readonly ConcurrentDictionary<(string? AppId, string ServiceUrl, string? Audience), Lazy<Task<IConnectorClient>>> _clients = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<UserTokenClient>>> _userTokenClients = new(StringComparer.Ordinal);

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
        // A proactive turn's identity names the bot in its audience claim: clients are not shared between bots.
        new ReusingFactory(this, sdk.CreateConnectorFactory(claimsIdentity), claimsIdentity.FindFirst(AuthenticationConstants.AudienceClaim)?.Value);

    public override Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken) =>
        sdk.AuthenticateRequestAsync(activity, authHeader, cancellationToken);

    public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        sdk.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken);

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        sdk.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    /// <summary>
    /// Every turn also gets a user-token client, which a proactive send never uses; the SDK makes a new one per turn
    /// too, and its OAuth client's set-up (user agent from assembly attributes, HTTP pipeline) cost another 10 % of
    /// a delivery's CPU. One per bot.
    /// </summary>
    public override async Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken)
    {
        var appId = claimsIdentity.FindFirst(AuthenticationConstants.AudienceClaim)?.Value ?? "";
        var client = _userTokenClients.GetOrAdd(appId, _ => new Lazy<Task<UserTokenClient>>(() => sdk.CreateUserTokenClientAsync(claimsIdentity, CancellationToken.None)));
        try
        {
            return new SharedUserTokenClient(await client.Value.WaitAsync(cancellationToken));
        }
        catch (Exception) when (client.Value.IsFaulted)
        {
            _userTokenClients.TryRemove(new KeyValuePair<string, Lazy<Task<UserTokenClient>>>(appId, client));
            throw;
        }
    }

    public override BotFrameworkClient CreateBotFrameworkClient() => sdk.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => sdk.GetOriginatingAudience();

    private async Task<IConnectorClient> ClientAsync(ConnectorFactory factory, string? appId, string serviceUrl, string? audience, CancellationToken cancellationToken)
    {
        var key = (appId, serviceUrl, audience);
        var client = _clients.GetOrAdd(key, _ => new Lazy<Task<IConnectorClient>>(() => factory.CreateAsync(serviceUrl, audience, CancellationToken.None)));
        try
        {
            return new SharedClient(await client.Value.WaitAsync(cancellationToken));
        }
        catch (Exception) when (client.Value.IsFaulted)
        {
            // A client that could not be made (credentials unavailable) is tried afresh next time.
            _clients.TryRemove(new KeyValuePair<(string?, string, string?), Lazy<Task<IConnectorClient>>>(key, client));
            throw;
        }
    }

    private sealed class ReusingFactory(ReusedConnectorClients clients, ConnectorFactory sdk, string? appId) : ConnectorFactory
    {
        public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken) =>
            clients.ClientAsync(sdk, appId, serviceUrl, audience, cancellationToken);
    }

    /// <summary>The shared client as each turn gets it: the turn disposes what it was given, which must not end the shared one.</summary>
    private sealed class SharedClient(IConnectorClient client) : IConnectorClient
    {
        public Uri BaseUri
        {
            get => client.BaseUri;
            set => throw new NotSupportedException("A shared connector client's URL does not change.");
        }

        public JsonSerializerSettings SerializationSettings => client.SerializationSettings;

        public JsonSerializerSettings DeserializationSettings => client.DeserializationSettings;

        public ServiceClientCredentials Credentials => client.Credentials;

        public IAttachments Attachments => client.Attachments;

        public IConversations Conversations => client.Conversations;

        public void Dispose()
        {
        }
    }

    /// <summary>The shared user-token client as each turn gets it: the turn disposes this wrapper, never the shared client.</summary>
    private sealed class SharedUserTokenClient(UserTokenClient client) : UserTokenClient
    {
        public override Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken) =>
            client.GetUserTokenAsync(userId, connectionName, channelId, magicCode, cancellationToken);

        public override Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken) =>
            client.GetSignInResourceAsync(connectionName, activity, finalRedirect, cancellationToken);

        public override Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken) =>
            client.SignOutUserAsync(userId, connectionName, channelId, cancellationToken);

        public override Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken) =>
            client.GetTokenStatusAsync(userId, channelId, includeFilter, cancellationToken);

        public override Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken) =>
            client.GetAadTokensAsync(userId, connectionName, resourceUrls, channelId, cancellationToken);

        public override Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken) =>
            client.ExchangeTokenAsync(userId, connectionName, channelId, exchangeRequest, cancellationToken);
    }
}
