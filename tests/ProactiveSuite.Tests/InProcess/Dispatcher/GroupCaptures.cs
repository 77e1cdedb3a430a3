using MassTransit.Testing;
using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Tests.InProcess.Dispatcher;

/// <summary>What the Gateway publishes when someone writes in a group chat or Teams channel the bot is in.</summary>
public static class GroupCaptures
{
    public const string TenantId = "tenant-contoso";

    /// <summary>The bot's account in the group conversations: not the configured one, so a test sees which one was used.</summary>
    public static readonly ParticipantInfo Bot = new("28:bot-in-groups", "ProactiveBot", null);

    /// <summary>
    /// Publishes the capture of <paramref name="userId"/> writing in <paramref name="conversationId"/> (a
    /// <see cref="GroupConversationTypes"/> type, in <paramref name="teamId"/> when a channel) and returns once the Registry consumed it.
    /// </summary>
    public static async Task MemberWroteAsync(this InProcessSystem system, string userId, string conversationId, string type, string? teamId = null, DateTimeOffset? at = null)
    {
        var address = new ConversationAddress(
            InProcessSystem.ChannelId,
            system.Channel.BaseUrl.ToString(),
            new ConversationInfo(conversationId, type, TenantId, IsGroup: true, Name: $"name of {conversationId}", TeamId: teamId, TeamName: teamId is null ? null : $"name of {teamId}"),
            new ParticipantInfo(userId, null, $"aad-{userId}"),
            Bot,
            Locale: null);
        var captured = new ReferenceCaptured(address, Guid.NewGuid().ToString("N"), "message", at ?? DateTimeOffset.UtcNow.AddMinutes(-5));
        await system.Harness.Bus.Publish(captured, TestContext.Current.CancellationToken);
        Assert.True(await system.Harness.Consumed.Any<ReferenceCaptured>(c => c.Context.Message == captured), $"The Registry did not consume the capture of {conversationId}.");
    }
}
