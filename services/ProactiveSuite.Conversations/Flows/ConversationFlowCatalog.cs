namespace ProactiveSuite.Conversations.Flows;

/// <summary>The flows this service knows, by name, and the one a conversation falls back to.</summary>
public sealed class ConversationFlowCatalog(IEnumerable<IConversationFlow> flows)
{
    private readonly Dictionary<string, IConversationFlow> _byName =
        flows.GroupBy(f => f.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    /// <summary>The default flow; only the service that takes user messages (the Gateway) has one.</summary>
    public IDefaultConversationFlow Default =>
        _byName.Values.OfType<IDefaultConversationFlow>().LastOrDefault()
        ?? throw new InvalidOperationException("No default conversation flow is registered.");

    /// <summary>The flow of a frame, or null for a frame of a flow this service does not know.</summary>
    public IConversationFlow? Find(FlowFrame frame) => _byName.GetValueOrDefault(frame.Flow);
}
