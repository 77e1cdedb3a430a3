namespace ProactiveSuite.ChannelEmulator;

/// <summary>The tenant the emulator puts in Teams-shaped activities when nobody named one.</summary>
public static class EmulatorTenants
{
    /// <summary>
    /// A fixed GUID rather than a fresh one per run, so references captured in one run still match the tenant of the
    /// next (a stored reference's tenant is part of what a broadcast filters on).
    /// </summary>
    public const string Default = "00000000-0000-4000-8000-00000000e3a1";
}
