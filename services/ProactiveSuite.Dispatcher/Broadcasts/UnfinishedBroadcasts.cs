using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.ServiceDefaults.Storage.Documents;

namespace ProactiveSuite.Dispatcher.Broadcasts;

/// <summary>
/// The broadcasts being fanned out, kept in the store on the in-memory bus only: a killed process takes that
/// bus's messages with it (the broadcast, its fanned-out deliveries), so a restart sends each unfinished one
/// again (<see cref="BroadcastRestart"/>). On RabbitMQ the broker keeps them, and this is not registered.
/// </summary>
public sealed class UnfinishedBroadcasts(IDocumentStore store)
{
    private readonly IDocuments<SendBroadcast> _broadcasts = store.Collection<SendBroadcast>(new CollectionSpec("unfinishedBroadcasts"));

    public Task RememberAsync(SendBroadcast command, CancellationToken cancellationToken) =>
        _broadcasts.InsertAsync(command.NotificationId!, command, cancellationToken);

    public Task<IReadOnlyList<SendBroadcast>> AllAsync(CancellationToken cancellationToken) =>
        _broadcasts.FindAsync(Filter.Gt(Filter.Id, ""), Sort.ById, int.MaxValue, cancellationToken);

    public Task ForgetAsync(string notificationId, CancellationToken cancellationToken) =>
        _broadcasts.DeleteAsync(Filter.Eq(Filter.Id, notificationId), cancellationToken);
}
