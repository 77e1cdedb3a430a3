using ProactiveSuite.ServiceDefaults.Privacy;

namespace ProactiveSuite.Dispatcher.Scheduling;

/// <summary>
/// Erases a user's deliveries that wait for a retry, a throttle or their not-before time: left in place,
/// each would later write the user into the ledger again. A scheduled broadcast keeps its recipient list
/// as its sender gave it; when it fans out, the erased user has no reference any more.
/// </summary>
internal sealed class ScheduledDeliveryEraser(IDeliverySchedule schedule) : IUserDataEraser
{
    public string Store => "scheduledDeliveries";

    public Task<int> EraseAsync(UserKey user, CancellationToken cancellationToken) =>
        schedule.RemoveRecipientAsync(user.Value, cancellationToken);
}
