using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.AfterDelivery;

/// <summary>
/// The after-delivery stories in the production shape: the three services on RabbitMQ and MongoDB with
/// docker-compose.yml's environment, so the ledger's and the progress's MongoDB adapters carry them.
/// </summary>
public sealed class AfterDeliveryInProductionShapeTests(ComposeShapedSystem system)
    : AfterDeliveryScenarios(new AfterDeliveryOnRabbitMq(system)), IClassFixture<ComposeShapedSystem>;
