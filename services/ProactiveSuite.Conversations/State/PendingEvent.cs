using System.Text.Json;
using ProactiveSuite.Contracts.Surveys;

namespace ProactiveSuite.Conversations.State;

/// <summary>
/// An event saved in a conversation's outbox: its contract type's name and its JSON. Only contract types
/// are read back, so stored data can never choose what gets instantiated.
/// </summary>
public sealed class PendingEvent
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly System.Reflection.Assembly Contracts = typeof(SurveyAnswered).Assembly;

    public string Id { get; set; } = "";

    public string Type { get; set; } = "";

    public string Body { get; set; } = "";

    public DateTimeOffset SavedAt { get; set; }

    public static PendingEvent Of(object message, DateTimeOffset savedAt)
    {
        var type = message.GetType();
        if (type.Assembly != Contracts)
        {
            throw new ArgumentException($"{type.Name} is not a contract message: only contracts are published from the outbox.", nameof(message));
        }

        return new PendingEvent { Id = Guid.NewGuid().ToString("N"), Type = type.FullName!, Body = JsonSerializer.Serialize(message, type, Json), SavedAt = savedAt };
    }

    /// <summary>The message, as the type it was saved as.</summary>
    public (object Message, Type Type) Read()
    {
        var type = Contracts.GetType(Type, throwOnError: false) ?? throw new InvalidDataException($"Outbox event {Id} names '{Type}', which is not a contract type.");
        return (JsonSerializer.Deserialize(Body, type, Json) ?? throw new InvalidDataException($"Outbox event {Id} is empty."), type);
    }
}
