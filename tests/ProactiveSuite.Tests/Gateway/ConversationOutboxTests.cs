using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.Conversations;
using ProactiveSuite.Conversations.Flows;
using ProactiveSuite.Conversations.State;
using ProactiveSuite.Conversations.State.Storage;
using ProactiveSuite.Gateway.Conversation;

namespace ProactiveSuite.Tests.Gateway;

/// <summary>
/// A Gateway that died after saving a turn and before publishing its events: the events were saved with the
/// state, and the relay publishes them, once, from the real embedded store onto MassTransit's test harness.
/// </summary>
public sealed class ConversationOutboxTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "psuite-outbox-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider _provider = null!;

    private ITestHarness Harness => _provider.GetRequiredService<ITestHarness>();

    public async ValueTask InitializeAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Store:EmbeddedDirectory"] = _directory });
        builder.Services.AddLogging();
        builder.AddConversationState();
        builder.Services.AddSingleton<ConversationOutbox>();
        builder.Services.AddMassTransitTestHarness(_ => { });
        _provider = builder.Services.BuildServiceProvider();
        await Harness.Start();
    }

    [Fact]
    public async Task Events_saved_by_a_turn_that_died_before_publishing_are_published_once_by_the_relay()
    {
        var states = _provider.GetRequiredService<ConversationStateStore>();
        var key = new ConversationKey("emulator", "emu-ada", "ada");
        var answered = new SurveyAnswered("lunch", new Recipient("emulator", "ada"), "emu-ada", "meal", "OK", DateTimeOffset.UtcNow);
        // The turn's save, and then the crash: nothing published.
        await states.UpdateAsync(key, s => new StateChange<bool>(s.Push(new FlowFrame("survey:lunch", "survey", "{}")), true) { Events = [answered] }, default);
        Assert.False(await Harness.Published.Any<SurveyAnswered>(TestContext.Current.CancellationToken));

        var relay = new ConversationOutboxRelay(
            _provider.GetRequiredService<IConversationStorage>(),
            _provider.GetRequiredService<ConversationOutbox>(),
            Options.Create(new ConversationOutboxOptions { Grace = TimeSpan.Zero }),
            TimeProvider.System,
            NullLogger<ConversationOutboxRelay>.Instance);
        await relay.SweepAsync(default);
        await relay.SweepAsync(default);

        Assert.True(await Harness.Published.Any<SurveyAnswered>(TestContext.Current.CancellationToken));
        Assert.Equal([answered], Harness.Published.Select<SurveyAnswered>().Select(p => p.Context.Message));
        Assert.Empty(await states.PendingAsync(key.StorageKey, default));
        Assert.Equal(["survey:lunch"], (await states.ReadAsync(key, default)).Frames.Select(f => f.Id));
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
