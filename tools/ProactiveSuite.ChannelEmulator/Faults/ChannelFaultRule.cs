namespace ProactiveSuite.ChannelEmulator;

/// <summary>A fault rule in force, as <see cref="ChannelFaults.Rules"/> shows it.</summary>
/// <param name="Id">Names the rule for <see cref="ChannelFaults.RemoveRule"/> and <c>DELETE /emulator/faults/{id}</c>.</param>
/// <param name="Fault">What it matches and answers.</param>
/// <param name="Applied">How many calls it has answered so far.</param>
/// <param name="Remaining">How many more calls it will answer; null when it applies to every matching call.</param>
public sealed record ChannelFaultRule(string Id, ChannelFault Fault, int Applied, int? Remaining);
