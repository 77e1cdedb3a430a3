namespace ProactiveSuite.Dispatcher.Scheduling;

/// <summary>A command to hand back to the Dispatcher at <see cref="DueAt"/>.</summary>
/// <param name="Id">Unique per scheduled item.</param>
/// <param name="DueAt">When it is due.</param>
/// <param name="Kind">What <see cref="Payload"/> is, and so where it goes back to.</param>
/// <param name="Payload">The command as JSON.</param>
/// <param name="Reason">Why it waits (throttled, retry, not-before), for operators.</param>
/// <param name="TraceParent">The trace it was put off in, so that its next attempt continues that trace.</param>
/// <param name="Recipient">The one user a delivery is for (<c>UserKey.Value</c>), so that erasing the user removes it.</param>
public sealed record ScheduledDelivery(string Id, DateTimeOffset DueAt, ScheduledKind Kind, string Payload, string Reason, string? TraceParent = null, string? Recipient = null);

public enum ScheduledKind
{
    /// <summary>A <c>DeliverToRecipient</c>, back to the deliveries queue.</summary>
    Delivery,

    /// <summary>A <c>SendBroadcast</c> with a not-before time, back to the broadcasts queue.</summary>
    Broadcast,

    /// <summary>A <c>ChangeDeliveredCopy</c> (a recall's delete or an edit's update put off), back to the copy-changes queue.</summary>
    CopyChange,
}
