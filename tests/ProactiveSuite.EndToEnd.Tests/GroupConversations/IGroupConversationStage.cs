using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.GroupConversations;

/// <summary>
/// Where the group conversation stories are played: a system whose channel emulator presents itself as Teams
/// (<c>msteams</c>: Teams' activities, and its refusal to create a conversation without a tenant).
/// </summary>
public interface IGroupConversationStage
{
    /// <summary>The emulator (<c>/emulator/...</c>), <c>/notifications</c>, <c>/broadcasts</c>, <c>/references</c> and <c>/conversations</c>, with the operator key.</summary>
    HttpClient Http { get; }

    /// <summary>An enterprise service on the broker, watching the outcome events; null where the bus is in-memory.</summary>
    OutsideService? Outside { get; }

    string Logs();
}

/// <summary>The emulator as Teams: the channel id Teams' activities carry.</summary>
public static class AsTeams
{
    public const string ChannelId = "msteams";

    public static void Configure(ChannelEmulatorOptions options) => options.ChannelId = ChannelId;
}

/// <summary>Gateway, Registry and Dispatcher as three processes on RabbitMQ (embedded stores), the emulator as Teams.</summary>
public sealed class TeamsOnRabbitMq : RabbitMqSystem, IGroupConversationStage
{
    private HttpClient? _frontDoor;

    HttpClient IGroupConversationStage.Http => _frontDoor ??= FrontDoor.For(this);

    OutsideService? IGroupConversationStage.Outside => Outside;

    protected override void ConfigureChannel(ChannelEmulatorOptions options) => AsTeams.Configure(options);

    public override async ValueTask DisposeAsync()
    {
        _frontDoor?.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>The production shape (docker-compose.yml's environment, RabbitMQ and MongoDB), the emulator as Teams.</summary>
public sealed class TeamsInProductionShape : ComposeShapedSystem, IGroupConversationStage
{
    private HttpClient? _frontDoor;

    HttpClient IGroupConversationStage.Http => _frontDoor ??= FrontDoor.For(this);

    OutsideService? IGroupConversationStage.Outside => Outside;

    protected override void ConfigureChannel(ChannelEmulatorOptions options) => AsTeams.Configure(options);

    public override async ValueTask DisposeAsync()
    {
        _frontDoor?.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>The single-process host as the README runs it, its emulator as Teams (<c>Emulator__ChannelId</c>).</summary>
public sealed class TeamsOnEmbeddedDefault : IGroupConversationStage, IAsyncLifetime
{
    private readonly EmbeddedDefaultHost _host = new() { Settings = new Dictionary<string, string> { ["Emulator__ChannelId"] = AsTeams.ChannelId } };

    public HttpClient Http => _host.Http;

    public OutsideService? Outside => null;

    public string Logs() => _host.Logs();

    public ValueTask InitializeAsync() => _host.InitializeAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
