namespace ProactiveSuite.Dispatcher.Scheduling;

/// <summary>A command to hand back to the Dispatcher's queue at <see cref="DueAt"/>.</summary>
/// <param name="Id">Unique per scheduled item.</param>
/// <param name="DueAt">When it is due.</param>
/// <param name="Payload">The <c>SendNotification</c> as JSON.</param>
/// <param name="Reason">Why it waits (throttled, retry, not-before), for operators.</param>
public sealed record ScheduledDelivery(string Id, DateTimeOffset DueAt, string Payload, string Reason);
