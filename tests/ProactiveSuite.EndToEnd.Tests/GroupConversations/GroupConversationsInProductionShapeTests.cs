namespace ProactiveSuite.EndToEnd.Tests.GroupConversations;

/// <summary>
/// The group conversation stories in the production shape: the three services on RabbitMQ and MongoDB with
/// docker-compose.yml's environment, so the Registry's MongoDB group conversations and known members carry them.
/// </summary>
public sealed class GroupConversationsInProductionShapeTests(TeamsInProductionShape stage)
    : GroupConversationScenarios(stage), IClassFixture<TeamsInProductionShape>;
