using MassTransit;
using MassTransit.Testing;
using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Tests.InProcess.Registry;

/// <summary>The Registry alone: captures in, look-ups answered over the bus.</summary>
public sealed class ReferenceRegistryTests
{
    private static readonly DateTimeOffset Earlier = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_newest_capture_wins_whatever_order_they_arrive_in_and_a_look_up_answers_with_it()
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry);

        await system.UserWroteAsync("ada", "conv-new", Earlier.AddMinutes(1));
        await system.UserWroteAsync("ada", "conv-old", Earlier);

        var found = await LookUpAsync(system, "ada");
        Assert.True(found.Is(out Response<ConversationReferenceFound>? answer));
        Assert.Equal("conv-new", answer.Message.Address.Conversation.Id);
        Assert.Equal(Earlier.AddMinutes(1), answer.Message.LastActivityAt);
    }

    [Fact]
    public async Task A_capture_for_a_connector_off_the_allowlist_goes_to_the_error_queue_with_its_reason_and_is_not_stored()
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry);
        var errorQueue = await ErrorQueueReader.ConnectAsync<ReferenceCaptured>(system, "registry-reference-captured");
        var forged = system.AddressOf("ada", "conv-ada") with { ServiceUrl = "https://tokens.attacker.example/" };

        await system.Harness.Bus.Publish(new ReferenceCaptured(forged, "a-1", "message", Earlier), TestContext.Current.CancellationToken);

        var moved = await errorQueue.FirstAsync();
        Assert.StartsWith("ReferenceCaptured rejected: ", moved.Reason, StringComparison.Ordinal);
        Assert.Contains("tokens.attacker.example", moved.Reason, StringComparison.Ordinal);
        Assert.Equal(0, moved.RetryCount);
        Assert.True((await LookUpAsync(system, "ada")).Is(out Response<ConversationReferenceNotFound>? _));
    }

    private static Task<Response<ConversationReferenceFound, ConversationReferenceNotFound>> LookUpAsync(InProcessSystem system, string userId) =>
        system.Harness.GetRequestClient<FindConversationReference>().GetResponse<ConversationReferenceFound, ConversationReferenceNotFound>(
            new FindConversationReference(InProcessSystem.ChannelId, userId), TestContext.Current.CancellationToken);
}
