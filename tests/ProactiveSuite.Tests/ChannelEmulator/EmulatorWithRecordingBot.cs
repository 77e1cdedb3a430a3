using ProactiveSuite.ChannelEmulator;

namespace ProactiveSuite.Tests.ChannelEmulator;

/// <summary>A channel emulator posting to a <see cref="RecordingBot"/>, per test, with a client of its routes.</summary>
public abstract class EmulatorWithRecordingBot : IAsyncLifetime
{
    protected RecordingBot Gateway { get; private set; } = null!;

    protected ChannelEmulatorServer Channel { get; private set; } = null!;

    protected BotCalls Calls { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Gateway = await RecordingBot.StartAsync();
        Channel = await ChannelEmulatorServer.StartAsync(
            o =>
            {
                o.GatewayUrl = Gateway.Endpoint;
                Configure(o);
            },
            TestContext.Current.CancellationToken);
        Calls = new BotCalls(Channel);
    }

    public async ValueTask DisposeAsync()
    {
        Calls.Dispose();
        await Channel.DisposeAsync();
        await Gateway.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected virtual void Configure(ChannelEmulatorOptions options)
    {
    }
}
