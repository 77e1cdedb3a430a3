namespace ProactiveSuite.ChannelEmulator;

/// <summary>How a <see cref="ChannelFault"/> answers the call it matches.</summary>
public enum ChannelFaultKind
{
    /// <summary>Answers at once with the fault's status and Bot Connector ErrorResponse.</summary>
    Error,

    /// <summary>
    /// Answers only after <see cref="ChannelFault.HangFor"/> (with the fault's status, 504 unless set), so that the
    /// caller's timeout fires first. The wait ends early when the caller gives up or the emulator stops.
    /// </summary>
    Hang,
}
