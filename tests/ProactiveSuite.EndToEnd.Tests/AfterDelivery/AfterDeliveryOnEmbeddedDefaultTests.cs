using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.AfterDelivery;

/// <summary>The after-delivery stories on the embedded default: one process, in-memory bus, one embedded store.</summary>
public sealed class AfterDeliveryOnEmbeddedDefaultTests(EmbeddedDefaultHost host)
    : AfterDeliveryScenarios(new AfterDeliveryOnEmbeddedDefault(host)), IClassFixture<EmbeddedDefaultHost>;
