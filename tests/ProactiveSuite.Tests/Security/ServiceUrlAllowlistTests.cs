using ProactiveSuite.ServiceDefaults.Security;

namespace ProactiveSuite.Tests.Security;

public class ServiceUrlAllowlistTests
{
    private static readonly ServiceUrlAllowlist Defaults = new(new ServiceUrlAllowlistOptions());

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/")]
    [InlineData("https://smba.trafficmanager.net/teams/")]
    [InlineData("https://SMBA.TrafficManager.net/amer/")]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/")]
    [InlineData("https://smba.infra.gov.teams.microsoft.us/")]
    [InlineData("https://smba.infra.dod.teams.microsoft.us/")]
    [InlineData("https://directline.botframework.com/")]
    [InlineData("https://webchat.botframework.com/")]
    public void The_documented_connector_hosts_are_allowed_by_default(string serviceUrl) =>
        Assert.Null(Defaults.Problem(serviceUrl));

    [Theory]
    [InlineData("https://evil.trafficmanager.net/teams/", "host 'evil.trafficmanager.net' is not on the allowlist")]
    [InlineData("https://smba.trafficmanager.net.evil.example/", "is not on the allowlist")]
    [InlineData("https://attacker.azurewebsites.net/", "is not on the allowlist")]
    [InlineData("http://smba.trafficmanager.net/emea/", "is not https")]
    [InlineData("https://smba.trafficmanager.net:8443/emea/", "is not on the default https port")]
    [InlineData("https://user:pass@smba.trafficmanager.net/emea/", "must not carry user information")]
    [InlineData("http://localhost:5005", "is not on the allowlist")]
    [InlineData("ftp://smba.trafficmanager.net/", "must be an absolute https URL")]
    [InlineData("/v3/conversations", "must be an absolute https URL")]
    [InlineData("", "must be an absolute https URL")]
    [InlineData(null, "must be an absolute https URL")]
    public void Anything_else_is_refused_with_the_reason(string? serviceUrl, string reason) =>
        Assert.Contains(reason, Defaults.Problem(serviceUrl), StringComparison.Ordinal);

    [Fact]
    public void A_configured_exact_host_is_allowed_but_nothing_below_it()
    {
        var options = new ServiceUrlAllowlistOptions();
        options.AllowedHosts.Add("europe.directline.botframework.com");
        var allowlist = new ServiceUrlAllowlist(options);

        Assert.True(allowlist.Allows("https://europe.directline.botframework.com/"));
        Assert.False(allowlist.Allows("https://x.europe.directline.botframework.com/"));
    }

    [Theory]
    [InlineData("*.trafficmanager.net")]
    [InlineData(".trafficmanager.net")]
    [InlineData("trafficmanager.*")]
    [InlineData("https://smba.trafficmanager.net")]
    [InlineData("smba.trafficmanager.net:443")]
    [InlineData("smba.trafficmanager.net/teams")]
    [InlineData("localhost")]
    public void A_pattern_or_anything_but_an_exact_host_stops_the_start(string entry)
    {
        var options = new ServiceUrlAllowlistOptions();
        options.AllowedHosts.Add(entry);

        var failure = Assert.Throws<InvalidOperationException>(() => new ServiceUrlAllowlist(options));
        Assert.Contains("is not an exact host name", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_origin_allows_exactly_that_scheme_host_and_port()
    {
        var options = new ServiceUrlAllowlistOptions();
        options.LocalOrigins.Add("http://localhost:5080");
        var allowlist = new ServiceUrlAllowlist(options);

        Assert.True(allowlist.Allows("http://localhost:5080"));
        Assert.True(allowlist.Allows("http://localhost:5080/emulator/"));
        Assert.False(allowlist.Allows("http://localhost:5081"));
        Assert.False(allowlist.Allows("https://localhost:5080"));
        Assert.False(allowlist.Allows("http://127.0.0.1:5080"));
    }

    [Theory]
    [InlineData("http://emulator.example.com:5080")]
    [InlineData("http://10.0.0.5:5080")]
    [InlineData("http://localhost:5080/some/path")]
    [InlineData("not a url")]
    public void A_local_origin_that_is_not_loopback_stops_the_start(string origin)
    {
        var options = new ServiceUrlAllowlistOptions();
        options.LocalOrigins.Add(origin);

        var failure = Assert.Throws<InvalidOperationException>(() => new ServiceUrlAllowlist(options));
        Assert.Contains("is not a loopback origin", failure.Message, StringComparison.Ordinal);
    }
}
