using System.Net;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.Playground;

/// <summary>A Host with the bot's credentials is a deployment: it has no playground, and nothing hands out an operator key.</summary>
public sealed class PlaygroundExposureTests
{
    [Fact]
    public async Task A_host_with_a_bot_app_id_serves_no_playground_and_no_settings()
    {
        await using var host = new EmbeddedDefaultHost
        {
            Settings = new Dictionary<string, string>
            {
                ["Bot__MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001",
                ["Bot__MicrosoftAppPassword"] = "not-a-real-password",
            },
        };
        await host.InitializeAsync();
        using var anonymous = new HttpClient { BaseAddress = host.Url };
        var ct = TestContext.Current.CancellationToken;

        // Unmapped, so the operator fallback policy answers before routing can say 404.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/playground/", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/playground/settings", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync("/playground/settings", ct)).StatusCode);
    }
}
