using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProactiveSuite.ServiceDefaults.OperatorAuthentication;
using ProactiveSuite.ServiceDefaults.Security;

namespace ProactiveSuite.Tests.Security;

/// <summary>Security settings that are wrong stop a process at start-up, with what to fix; unset ones are simply absent.</summary>
public class StartupConfigurationTests
{
    [Fact]
    public void A_short_operator_api_key_stops_the_start()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Builder(("OperatorAuthentication:ApiKeys:0", "too-short")).AddOperatorAuthentication());
        Assert.Contains("shorter than 16 characters", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_jwt_issuer_without_an_audience_stops_the_start()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Builder(("OperatorAuthentication:Jwt:Authority", "https://login.example.com/tenant/v2.0")).AddOperatorAuthentication());
        Assert.Contains("without Jwt:Audience", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Blank_entries_from_unset_variables_are_neither_keys_nor_hosts()
    {
        var builder = Builder(("OperatorAuthentication:ApiKeys:0", ""), ("OperatorAuthentication:ApiKeys:1", "a-real-key-0123456789"), ("ServiceUrls:AllowedHosts:0", " "), ("ServiceUrls:LocalOrigins:0", ""));

        builder.AddOperatorAuthentication();
        builder.AddServiceUrlAllowlist();

        using var services = builder.Services.BuildServiceProvider();
        Assert.Equal(["a-real-key-0123456789"], services.GetRequiredService<OperatorAuthenticationOptions>().ApiKeys);
        Assert.Equal(ServiceUrlAllowlistOptions.DefaultHosts.Order(), services.GetRequiredService<ServiceUrlAllowlist>().Hosts.Order());
    }

    [Fact]
    public void A_wildcard_host_in_configuration_stops_the_start()
    {
        Assert.Throws<InvalidOperationException>(() => Builder(("ServiceUrls:AllowedHosts:0", "*.trafficmanager.net")).AddServiceUrlAllowlist());
    }

    private static WebApplicationBuilder Builder(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        return builder;
    }
}
