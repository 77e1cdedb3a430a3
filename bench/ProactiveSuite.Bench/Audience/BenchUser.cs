using System.Globalization;
using ProactiveSuite.Contracts.Notifications;

namespace ProactiveSuite.Bench.Audience;

/// <summary>A user of the emulated channel, in a tenant; their conversation with the bot is <c>emu-{userId}</c>.</summary>
public sealed record BenchUser(string UserId, string TenantId)
{
    public const string ChannelId = "emulator";

    public string ConversationId => "emu-" + UserId;

    public Recipient Recipient => new(ChannelId, UserId, TenantId);

    /// <summary><paramref name="count"/> users named <c>{prefix}{i}</c>, spread round-robin over <paramref name="tenants"/> tenants.</summary>
    public static IReadOnlyList<BenchUser> Many(string prefix, int count, int tenants) =>
        Enumerable.Range(0, count)
            .Select(i => new BenchUser(
                string.Create(CultureInfo.InvariantCulture, $"{prefix}{i:D6}"),
                string.Create(CultureInfo.InvariantCulture, $"t{i % tenants:D3}")))
            .ToList();

    /// <summary><paramref name="count"/> users all in the one tenant <paramref name="tenantId"/>.</summary>
    public static IReadOnlyList<BenchUser> InOneTenant(string prefix, int count, string tenantId) =>
        Enumerable.Range(0, count)
            .Select(i => new BenchUser(string.Create(CultureInfo.InvariantCulture, $"{prefix}{i:D6}"), tenantId))
            .ToList();
}
