using Microsoft.Extensions.Configuration;
using ProactiveSuite.Gateway.Security;

namespace ProactiveSuite.Tests.Gateway;

public class InboundAuthenticationPolicyTests
{
    [Fact]
    public void With_an_app_id_tokens_are_always_checked_whatever_else_is_set()
    {
        var policy = InboundAuthenticationPolicy.From(Configuration(("Bot:MicrosoftAppId", "app-1"), ("Bot:AllowUnauthenticatedLocalUse", "true")));
        Assert.True(policy.Authenticated);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Without_an_app_id_the_gateway_does_not_start(string? appId)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => InboundAuthenticationPolicy.From(Configuration(("Bot:MicrosoftAppId", appId))));
        Assert.Contains("Bot:AllowUnauthenticatedLocalUse=true", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_app_id_it_starts_unauthenticated_only_when_told_so_explicitly()
    {
        Assert.Throws<InvalidOperationException>(() => InboundAuthenticationPolicy.From(Configuration(("Bot:AllowUnauthenticatedLocalUse", "false"))));
        Assert.False(InboundAuthenticationPolicy.From(Configuration(("Bot:AllowUnauthenticatedLocalUse", "true"))).Authenticated);
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
