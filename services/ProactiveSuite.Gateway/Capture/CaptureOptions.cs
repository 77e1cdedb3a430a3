namespace ProactiveSuite.Gateway.Capture;

/// <summary>Reference capture settings, bound from <c>Gateway:Capture</c>.</summary>
public sealed class CaptureOptions
{
    public const string Section = "Gateway:Capture";

    /// <summary>
    /// How long a turn waits for the broker to confirm its capture before the channel is told to come back
    /// (503 with Retry-After). Teams gives a bot about 15 s; the default leaves the bot's reply time in that.
    /// </summary>
    public TimeSpan ConfirmTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>The broker did not confirm a capture in time: the activity must be delivered again.</summary>
public sealed class CaptureNotConfirmedException(TimeSpan waited, Exception? inner = null)
    : Exception($"the message broker did not confirm the conversation reference within {waited.TotalSeconds:0.#} s; deliver the activity again", inner)
{
    public TimeSpan Waited { get; } = waited;
}
