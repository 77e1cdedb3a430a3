namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Test classes that share one running system (broker, three services, emulator): they run one after
/// another, and each scopes what it does to users and conversations of its own.
/// </summary>
[CollectionDefinition(nameof(RabbitMqSystem))]
public sealed class SharedRabbitMqSystem : ICollectionFixture<RabbitMqSystem>;
