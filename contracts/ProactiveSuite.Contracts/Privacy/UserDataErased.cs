namespace ProactiveSuite.Contracts.Privacy;

/// <summary>Event: one service erased what it stored about a user, in answer to <see cref="EraseUserData"/>.</summary>
/// <param name="RequestId">The request's id from <see cref="EraseUserData.RequestId"/>.</param>
/// <param name="ChannelId">The user's channel, as requested.</param>
/// <param name="UserId">The user's id, as requested.</param>
/// <param name="Service">The service (process) that erased, e.g. <c>ProactiveSuite.Registry</c>.</param>
/// <param name="Erased">What was erased, per store of that service (a count of 0 when nothing was stored).</param>
/// <param name="ErasedAt">When the service finished.</param>
public sealed record UserDataErased(
    string RequestId,
    string ChannelId,
    string UserId,
    string Service,
    IReadOnlyList<ErasedUserData> Erased,
    DateTimeOffset ErasedAt);

/// <summary>What one store erased.</summary>
/// <param name="Store">The store, e.g. <c>conversationReferences</c>.</param>
/// <param name="Count">How many records about the user it removed.</param>
public sealed record ErasedUserData(string Store, int Count);
