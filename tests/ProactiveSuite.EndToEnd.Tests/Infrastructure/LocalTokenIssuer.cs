using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Stands in for the Bot Framework's token service (and an operators' identity provider) on a loopback
/// HTTPS port: OpenID metadata and a JWKS with endorsements, exactly the documents the SDK reads, and
/// tokens signed with the keys they publish. The SDK only fetches metadata over https, so the server uses
/// a self-signed test certificate that the services under test trust through SSL_CERT_FILE
/// (<see cref="TrustEnvironment"/>): a test-only setting, never one for a deployment.
/// </summary>
public sealed class LocalTokenIssuer : IAsyncDisposable
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public const string OperatorAudience = "api://proactivesuite-operators";

    private readonly WebApplication _app;
    private readonly string _directory;

    private LocalTokenIssuer(WebApplication app, Uri baseUrl, string directory, string trustFile)
    {
        _app = app;
        BaseUrl = baseUrl;
        _directory = directory;
        TrustFile = trustFile;
    }

    /// <summary>The key the metadata publishes, endorsed for the channels the tests use.</summary>
    public static SigningKey ChannelKey { get; } = new("channel-key", ["msteams", "emulator"]);

    /// <summary>A published key that endorses only Web Chat: a Teams activity signed with it must be refused.</summary>
    public static SigningKey WebChatOnlyKey { get; } = new("webchat-key", ["webchat"]);

    /// <summary>A key nobody published, presenting itself under <see cref="ChannelKey"/>'s id.</summary>
    public static SigningKey ForgedKey { get; } = new(ChannelKey.Id, []);

    public Uri BaseUrl { get; }

    /// <summary>A PEM file holding only the test certificate.</summary>
    public string TrustFile { get; }

    public Uri ChannelMetadataUrl => new(BaseUrl, "/v1/.well-known/openidconfiguration");

    public Uri EmulatorMetadataUrl => new(BaseUrl, "/emulator/v2.0/.well-known/openid-configuration");

    /// <summary>The issuer (and OpenID authority) of operators' bearer tokens.</summary>
    public string OperatorAuthority => new Uri(BaseUrl, "/operators").ToString();

    /// <summary>What a service process needs to trust the test certificate (and nothing else: SSL_CERT_FILE replaces the bundle).</summary>
    public IReadOnlyDictionary<string, string> TrustEnvironment => new Dictionary<string, string> { ["SSL_CERT_FILE"] = TrustFile };

    public static async Task<LocalTokenIssuer> StartAsync(CancellationToken ct)
    {
        var directory = Path.Combine(Path.GetTempPath(), "psuite-issuer-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        using var certificate = CreateCertificate();
        var trustFile = Path.Combine(directory, "test-only-trusted-certificate.pem");
        await File.WriteAllTextAsync(trustFile, certificate.ExportCertificatePem(), ct);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(LocalTokenIssuer).Assembly.GetName().Name,
            ContentRootPath = directory,
        });
        builder.Logging.ClearProviders();
        var serverCertificate = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(serverCertificate)));
        var app = builder.Build();
        app.MapGet("/v1/.well-known/openidconfiguration", (HttpContext http) => Metadata(http, BotFrameworkIssuer));
        app.MapGet("/emulator/v2.0/.well-known/openid-configuration", (HttpContext http) => Metadata(http, "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/"));
        app.MapGet("/operators/.well-known/openid-configuration", (HttpContext http) => Metadata(http, $"{Origin(http)}/operators"));
        app.MapGet("/keys", () => Results.Content(Jwks(), "application/json"));
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new LocalTokenIssuer(app, new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal)), directory, trustFile);
    }

    /// <summary>A Bot Framework channel token for the bot <paramref name="appId"/>, about an activity from <paramref name="serviceUrl"/>.</summary>
    public static string ChannelToken(
        string appId,
        string serviceUrl,
        SigningKey? key = null,
        string issuer = BotFrameworkIssuer,
        DateTimeOffset? expires = null)
    {
        var now = DateTimeOffset.UtcNow;
        var exp = expires ?? now.AddMinutes(10);
        return Sign(key ?? ChannelKey, new JsonObject
        {
            ["iss"] = issuer,
            ["aud"] = appId,
            ["serviceurl"] = serviceUrl,
            ["nbf"] = Math.Min(now.AddMinutes(-1).ToUnixTimeSeconds(), exp.AddMinutes(-30).ToUnixTimeSeconds()),
            ["iat"] = Math.Min(now.AddMinutes(-1).ToUnixTimeSeconds(), exp.AddMinutes(-30).ToUnixTimeSeconds()),
            ["exp"] = exp.ToUnixTimeSeconds(),
        });
    }

    /// <summary>An operator's bearer token from this issuer.</summary>
    public string OperatorToken(string audience = OperatorAudience, DateTimeOffset? expires = null, SigningKey? key = null)
    {
        var now = DateTimeOffset.UtcNow;
        var exp = expires ?? now.AddMinutes(10);
        return Sign(key ?? ChannelKey, new JsonObject
        {
            ["iss"] = OperatorAuthority,
            ["aud"] = audience,
            ["sub"] = "operator-ada",
            ["nbf"] = Math.Min(now.AddMinutes(-1).ToUnixTimeSeconds(), exp.AddMinutes(-30).ToUnixTimeSeconds()),
            ["exp"] = exp.ToUnixTimeSeconds(),
        });
    }

    /// <summary>Signs any header and payload as an RS256 JWT, for hostile variations.</summary>
    public static string Sign(SigningKey key, JsonObject payload, JsonObject? header = null)
    {
        header ??= new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = key.Id };
        var signed = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()))}";
        var signature = key.Rsa.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signed}.{Base64Url.EncodeToString(signature)}";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static IResult Metadata(HttpContext http, string issuer) => Results.Content(
        new JsonObject
        {
            ["issuer"] = issuer,
            ["authorization_endpoint"] = $"{Origin(http)}/authorize",
            ["jwks_uri"] = $"{Origin(http)}/keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
        }.ToJsonString(),
        "application/json");

    private static string Origin(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";

    private static string Jwks() => new JsonObject
    {
        ["keys"] = new JsonArray(ChannelKey.Jwk(), WebChatOnlyKey.Jwk()),
    }.ToJsonString();

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=ProactiveSuite test token issuer (tests only)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
    }
}

/// <summary>An RSA signing key as the Bot Framework publishes one: an id and the channels it endorses.</summary>
public sealed class SigningKey(string id, string[] endorsements)
{
    public string Id { get; } = id;

    public RSA Rsa { get; } = RSA.Create(2048);

    public JsonObject Jwk()
    {
        var parameters = Rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = Id,
            ["n"] = Base64Url.EncodeToString(parameters.Modulus),
            ["e"] = Base64Url.EncodeToString(parameters.Exponent),
            ["endorsements"] = new JsonArray([.. endorsements.Select(e => JsonValue.Create(e))]),
        };
    }
}
