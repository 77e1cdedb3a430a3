using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.Security;

/// <summary>One RabbitMQ system shared by the security tests of the production shape (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class SecuritySystemGroup : ICollectionFixture<RabbitMqSystem>
{
    public const string Name = "security system";
}
