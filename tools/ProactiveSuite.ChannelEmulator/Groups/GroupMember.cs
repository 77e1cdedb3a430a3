namespace ProactiveSuite.ChannelEmulator;

/// <summary>A user in a group conversation, as Teams names them in <c>from</c> and in the roster.</summary>
internal sealed record GroupMember(string Id, string Name, string AadObjectId);
