using System.Net;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;
using ProactiveSuite.Testing;

namespace ProactiveSuite.EndToEnd.Tests.Playground;

/// <summary>
/// The playground page of the embedded default, used by a person in a real headless Chromium: chatting as a user,
/// and as an operator sending a notification and a survey that arrive in that chat, seeing it read, editing and
/// recalling it (tests/playground/playground.spec.mjs).
/// </summary>
public sealed class PlaygroundBrowserTests(EmbeddedDefaultHost host) : IClassFixture<EmbeddedDefaultHost>
{
    [Fact]
    public async Task A_person_chats_receives_reads_edits_and_recalls_notifications_and_completes_a_survey_through_the_page()
    {
        var browser = PlaygroundBrowser.Require();
        var screenshot = Path.Combine(RepositoryPaths.Artifacts, "playground.png");
        File.Delete(screenshot);

        var run = await browser.RunSpecAsync(host.Url, screenshot, TestContext.Current.CancellationToken);

        var context = $"node {PlaygroundBrowser.Spec} {host.Url} said:\n{run.Output}\n--- host ---\n{host.Logs()}";
        Assert.False(run.TimedOut, "The browser spec did not finish in time. " + context);
        Assert.True(run.ExitCode == 0, $"The browser spec exited with {run.ExitCode}. " + context);
        Assert.Contains("ok - a notification from the operator panel arrives in the chat, marked proactive, and shows delivered", run.Output, StringComparison.Ordinal);
        Assert.Contains("ok - Ada answers in the chat until the bot is back to the original conversation", run.Output, StringComparison.Ordinal);
        Assert.Contains("ok - Ada marks the chat read and the first notification counts one read", run.Output, StringComparison.Ordinal);
        Assert.Contains("ok - an edit from the operator panel replaces the message in the chat, marked edited", run.Output, StringComparison.Ordinal);
        Assert.Contains("ok - a recall from the operator panel deletes the message in both chats, and a later edit is refused", run.Output, StringComparison.Ordinal);
        Assert.EndsWith("playground: passed", run.Output.TrimEnd(), StringComparison.Ordinal);
        Assert.True(new FileInfo(screenshot).Length > 0, $"No screenshot at {screenshot}. " + context);
    }

    [Fact]
    public async Task The_root_leads_to_the_page_and_its_settings_hold_the_local_operator_key()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Url };
        var ct = TestContext.Current.CancellationToken;

        var root = await anonymous.GetAsync("/", ct);
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/playground/", root.Headers.Location?.OriginalString);

        var page = await anonymous.GetAsync("/playground/", ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/playground/appsettings.json", ct)).StatusCode);

        var settings = await anonymous.GetStringAsync("/playground/settings", ct);
        Assert.Contains($"\"operatorKey\":\"{EmbeddedDefaultHost.LocalOperatorKey}\"", settings, StringComparison.Ordinal);
    }
}
