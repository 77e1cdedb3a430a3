namespace ProactiveSuite.ChannelEmulator;

/// <summary>Which way an activity travelled through the emulated channel.</summary>
public enum ActivityDirection
{
    /// <summary>A (simulated) user sent it to the bot.</summary>
    FromUser,

    /// <summary>The bot sent it to the channel, for a user.</summary>
    ToUser,
}
