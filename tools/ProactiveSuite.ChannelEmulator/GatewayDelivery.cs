namespace ProactiveSuite.ChannelEmulator;

/// <summary>How the bot's messaging endpoint answered an activity the emulator posted.</summary>
/// <param name="Status">The HTTP status, or null when the endpoint could not be reached.</param>
/// <param name="Body">The response body, or why the endpoint could not be reached.</param>
internal sealed record GatewayDelivery(int? Status, string Body)
{
    public bool Succeeded => Status is >= 200 and < 300;
}
