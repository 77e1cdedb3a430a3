namespace ProactiveSuite.Contracts.Privacy;

/// <summary>
/// Command: erase everything ProactiveSuite stores about one user (their conversation reference, and
/// whatever else a service keeps about them: delivery records, survey answers). Every service that
/// stores data about users consumes it and answers with <see cref="UserDataErased"/>.
/// </summary>
/// <remarks>
/// Members are optional on the wire so that an incomplete command reaches the services and is refused
/// with a reason (into the error queue) rather than lost to a deserialisation error. Erasure removes what
/// is stored now: a user who writes to the bot again is captured again, as someone who just wrote.
/// </remarks>
/// <param name="RequestId">The publisher's id for this request, repeated in every <see cref="UserDataErased"/>.</param>
/// <param name="ChannelId">The user's channel, e.g. <c>msteams</c> (compared without case).</param>
/// <param name="UserId">The user's id in that channel (exact).</param>
public sealed record EraseUserData(string? RequestId, string? ChannelId, string? UserId);
