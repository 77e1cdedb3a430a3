using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.Cli;

/// <summary>Users of the host's channel emulator for the CLI tests: they write first, and their conversations are read back.</summary>
public sealed class EmulatorTranscripts(EmbeddedDefaultHost host)
{
    /// <summary>A new user who wrote to the bot, once the Registry has stored where to reach them.</summary>
    public async Task<string> UserWhoWroteAsync(string name)
    {
        var user = $"cli-{name}-{Guid.NewGuid().ToString("N")[..8]}";
        var said = await host.Http.PostAsJsonAsync($"/emulator/users/{user}/messages", new { text = "hello bot" }, TestContext.Current.CancellationToken);
        Assert.True(said.IsSuccessStatusCode, $"the emulator answered {(int)said.StatusCode} for {user}");
        await Eventually.Until(
            async () => (await host.Http.GetAsync($"/references/emulator/{user}", TestContext.Current.CancellationToken)).IsSuccessStatusCode ? "" : null,
            $"the reference of {user}",
            host.Logs);
        return user;
    }

    /// <summary>The texts in the user's conversation, in order.</summary>
    public async Task<IReadOnlyList<string>> TextsAsync(string user)
    {
        var activities = JsonNode.Parse(await host.Http.GetStringAsync($"/emulator/conversations/emu-{user}/activities", TestContext.Current.CancellationToken))!.AsArray();
        return activities.Select(a => a!["text"]?.GetValue<string>() ?? "").ToList();
    }
}
