namespace ProactiveSuite.EndToEnd.Tests.GroupConversations;

/// <summary>The group conversation stories on the embedded default: one process, in-memory bus, one embedded store.</summary>
public sealed class GroupConversationsOnEmbeddedDefaultTests(TeamsOnEmbeddedDefault stage)
    : GroupConversationScenarios(stage), IClassFixture<TeamsOnEmbeddedDefault>;
