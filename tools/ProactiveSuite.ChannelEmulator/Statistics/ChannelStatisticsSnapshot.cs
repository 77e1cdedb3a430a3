namespace ProactiveSuite.ChannelEmulator;

/// <summary>The counts at one moment, in total and per conversation.</summary>
/// <param name="Total">Every connector call, including creates that were refused (they have no conversation yet).</param>
/// <param name="ByConversation">The calls into, or creating, each conversation.</param>
public sealed record ChannelStatisticsSnapshot(ConnectorCallCounts Total, IReadOnlyDictionary<string, ConnectorCallCounts> ByConversation);
