using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests;

/// <summary>
/// Pacing alone draws no 429 at a low rate: one tenant limited to 20 sends a second, the Dispatcher paced to it and
/// the channel enforcing it. At such a rate every slot sits on a window's edge, so a send that leaves even a
/// fraction of a millisecond before its slot lands in the window it was kept out of.
/// </summary>
public abstract class LowRatePacingTests<TSystem>(TSystem system)
    where TSystem : RabbitMqSystem
{
    public const int PerSecond = 20;

    /// <summary>The Dispatcher's tenant budget: the channel's limit; deliveries in parallel as by default.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Paced =
    [
        new("Dispatcher__RateLimits__PerTenant__0__Seconds", "1"),
        new("Dispatcher__RateLimits__PerTenant__0__Limit", PerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    [Fact]
    public async Task A_broadcast_paced_to_a_tenant_limit_of_20_a_second_draws_no_429_from_a_channel_enforcing_it()
    {
        var users = SeededRecipients.Users("paced" + Guid.NewGuid().ToString("N")[..6], 400);
        await DispatcherCrashes.SeedAsync(system, users);
        var id = "paced-" + Guid.NewGuid().ToString("N")[..8];
        var text = "Paced at 20 a second " + id;
        system.Channel.Statistics.Reset();
        system.Channel.Limits.EnforceTeamsLimits(ChannelRateLimits.Teams.WithTenantLimitPerSecond(PerSecond));
        try
        {
            await system.Outside.Bus.Publish(
                new SendBroadcast { NotificationId = id, Audience = new BroadcastAudience { Recipients = users.Select(u => new Recipient("emulator", u)).ToList() }, Text = text },
                TestContext.Current.CancellationToken);

            await Eventually.Until(
                () => Task.FromResult(DispatcherCrashes.Received(system, text).Select(a => a.ConversationId).Distinct().Count() == users.Count ? "" : null),
                "every recipient",
                system.Logs,
                patience: TimeSpan.FromMinutes(3));
            var calls = system.Channel.Statistics.Total;
            DispatcherCrashes.Report($"low-rate pacing ({typeof(TSystem).Name}): {users.Count} recipients at {PerSecond}/s, {calls.Sends} sends accepted, {calls.Throttled} answered 429");
            Assert.Equal(0L, calls.Throttled);
        }
        finally
        {
            system.Channel.Limits.StopEnforcing();
        }
    }
}

public sealed class PacedSystem : RabbitMqSystem
{
    protected override IEnumerable<KeyValuePair<string, string>> DispatcherSettings() => LowRatePacingTests<PacedSystem>.Paced;
}

public sealed class PacedComposeShapedSystem : ComposeShapedSystem
{
    protected override IEnumerable<KeyValuePair<string, string>> DispatcherSettings() => LowRatePacingTests<PacedSystem>.Paced;
}

/// <summary>Each service with its embedded store file.</summary>
public sealed class LowRatePacingOnEmbeddedStoresTests(PacedSystem system) : LowRatePacingTests<PacedSystem>(system), IClassFixture<PacedSystem>;

/// <summary>The production shape on MongoDB.</summary>
public sealed class LowRatePacingOnMongoDbTests(PacedComposeShapedSystem system) : LowRatePacingTests<PacedComposeShapedSystem>(system), IClassFixture<PacedComposeShapedSystem>;
