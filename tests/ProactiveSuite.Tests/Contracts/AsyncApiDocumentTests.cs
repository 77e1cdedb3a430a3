using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ProactiveSuite.Testing;
using ProactiveSuite.Tests.Deployment;

namespace ProactiveSuite.Tests.Contracts;

/// <summary>
/// docs/asyncapi.yaml against the code, so that it cannot drift: every contract record has a schema with
/// exactly its members (camelCase, as on the wire), the same required members and compatible types; every
/// message type is a message on the exchange named after it; every queue a service consumes from is there
/// with the messages it takes.
/// </summary>
public sealed class AsyncApiDocumentTests
{
    private static readonly YamlNode Document = AsyncApiDocument.Load();
    private static readonly NullabilityInfoContext Nullability = new();

    public static TheoryData<string> Records() => [.. AsyncApiDocument.ContractRecords().Concat(InternalRecords()).Select(t => t.AssemblyQualifiedName!)];

    [Fact]
    public void It_is_an_asyncapi_3_document()
    {
        Assert.StartsWith("3.", Document["asyncapi"].Required(), StringComparison.Ordinal);
        Assert.True(Document["info"]["title"].Exists && Document["info"]["version"].Exists);
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void Each_record_has_a_schema_with_its_members_its_required_members_and_their_types(string typeName)
    {
        var record = Type.GetType(typeName, throwOnError: true)!;
        var schema = Schema(record.Name);
        var where = $"{AsyncApiDocument.Path}: components.schemas.{record.Name}";
        Assert.True(schema.Exists, $"{where} is missing: {record.FullName} has no schema");
        Assert.Equal("object", schema["type"].Scalar);

        var properties = AsyncApiDocument.WireProperties(record);
        AssertSameNames("members", properties.Select(AsyncApiDocument.JsonName), schema["properties"].Entries.Select(e => e.Key), where);
        AssertSameNames("required members", properties.Where(IsRequired).Select(AsyncApiDocument.JsonName), schema["required"].Items.Select(i => i.Required()), where);
        Assert.All(properties, p =>
        {
            var nullability = Nullability.Create(p);
            AssertCompatible(p.PropertyType, nullability.ReadState == NullabilityState.Nullable, nullability, schema["properties"][AsyncApiDocument.JsonName(p)]);
        });
    }

    [Fact]
    public void Every_schema_describes_a_record()
    {
        var records = AsyncApiDocument.ContractRecords().Concat(InternalRecords()).Select(t => t.Name).ToHashSet();

        Assert.All(Document["components"]["schemas"].Entries, s => Assert.True(records.Contains(s.Key), $"components.schemas.{s.Key} is no record of the contracts"));
    }

    [Fact]
    public void Every_contract_message_is_a_message_of_the_document_and_every_message_there_is_a_type()
    {
        var messages = Document["components"]["messages"].Entries.ToDictionary(e => e.Key, e => e.Value);
        var contractMessages = AsyncApiDocument.ContractMessages();

        Assert.All(contractMessages, t => Assert.True(messages.ContainsKey(t.Name), $"{t.FullName} travels on the bus but components.messages has no {t.Name}"));
        Assert.All(messages, m =>
        {
            var type = TypeOf(m.Value);
            Assert.True(type is not null, $"components.messages.{m.Key}: x-dotnet-type {m.Value["x-dotnet-type"].Scalar} is no type");
            Assert.Equal(type.Name, m.Key);
            Assert.Equal(type.Name, m.Value["name"].Scalar);
            Assert.Equal($"#/components/schemas/{type.Name}", m.Value["payload"]["$ref"].Scalar);
            Assert.Equal($"urn:message:{type.Namespace}:{type.Name}", m.Value["x-message-type"].Scalar);
            Assert.True(
                contractMessages.Contains(type) || (m.Value["x-internal"].Scalar == "true" && type.Assembly != AsyncApiDocument.Contracts),
                $"components.messages.{m.Key} is not a message of the contracts (and not marked x-internal)");
        });
    }

    [Fact]
    public void Every_contract_message_is_published_on_the_exchange_named_after_its_type()
    {
        var exchanges = Document["channels"].Entries
            .Where(c => c.Value["bindings"]["amqp"]["is"].Scalar == "routingKey")
            .ToList();

        Assert.All(AsyncApiDocument.ContractMessages(), type =>
        {
            var exchange = $"{type.Namespace}:{type.Name}";
            var channel = exchanges.SingleOrDefault(c => c.Value["address"].Scalar == exchange);
            Assert.True(channel.Value is not null, $"no channel has the address {exchange}");
            Assert.Equal(exchange, channel.Value["bindings"]["amqp"]["exchange"]["name"].Scalar);
            Assert.Equal("fanout", channel.Value["bindings"]["amqp"]["exchange"]["type"].Scalar);
            Assert.Equal([$"#/components/messages/{type.Name}"], channel.Value["messages"].Entries.Select(m => m.Value["$ref"].Required()));
        });
    }

    [Fact]
    public void Every_queue_a_service_consumes_from_is_received_from_with_the_messages_it_takes()
    {
        var received = ReceivedMessagesByQueue();

        Assert.All(AsyncApiDocument.Consumers(), c => Assert.True(
            received.TryGetValue(c.Queue, out var messages) && messages.Contains(c.Message.Name),
            $"{c.Consumer.Name} consumes {c.Message.Name} from {c.Queue}, but no receive operation of {AsyncApiDocument.Path} says so"));
    }

    [Fact]
    public void Every_message_received_from_a_queue_has_a_consumer_of_it()
    {
        var consumed = AsyncApiDocument.Consumers().Select(c => c.Message.Name).ToHashSet(StringComparer.Ordinal);

        Assert.All(ReceivedMessagesByQueue(), q => Assert.All(q.Value, m => Assert.True(consumed.Contains(m), $"{AsyncApiDocument.Path} says {q.Key} receives {m}, which no service consumes")));
    }

    // Queue address -> the names of the messages the receive operations on it take.
    private static Dictionary<string, HashSet<string>> ReceivedMessagesByQueue()
    {
        var received = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (name, operation) in Document["operations"].Entries.Where(o => o.Value["action"].Scalar == "receive"))
        {
            var channel = Resolve(operation["channel"]["$ref"].Required());
            var queue = channel["bindings"]["amqp"]["queue"]["name"].Scalar;
            Assert.True(queue == channel["address"].Scalar, $"operations.{name}: its channel is not a queue named like its address");
            var messages = received.TryGetValue(queue!, out var existing) ? existing : received[queue!] = [];
            foreach (var message in operation["messages"].Items)
            {
                messages.Add(Resolve(Resolve(message["$ref"].Required())["$ref"].Required())["name"].Required());
            }
        }

        return received;
    }

    /// <summary>The records of messages that are not contracts (x-internal), and the records they contain.</summary>
    private static IEnumerable<Type> InternalRecords()
    {
        var found = new HashSet<Type>();
        var pending = new Stack<Type>(Document["components"]["messages"].Entries
            .Where(m => m.Value["x-internal"].Scalar == "true")
            .Select(m => TypeOf(m.Value) ?? throw new InvalidOperationException($"components.messages.{m.Key}: x-dotnet-type is no type")));
        while (pending.TryPop(out var type))
        {
            if (type.Assembly != AsyncApiDocument.Contracts && found.Add(type))
            {
                foreach (var part in AsyncApiDocument.WireProperties(type).SelectMany(p => AsyncApiDocument.TypesIn(p.PropertyType)).Where(AsyncApiDocument.IsRecord))
                {
                    pending.Push(part);
                }
            }
        }

        return found.OrderBy(t => t.Name, StringComparer.Ordinal);
    }

    private static Type? TypeOf(YamlNode message)
    {
        var name = message["x-dotnet-type"].Scalar;
        return name is null ? null : AsyncApiDocument.Services.Append(AsyncApiDocument.Contracts).Select(a => a.GetType(name)).FirstOrDefault(t => t is not null);
    }

    private static YamlNode Schema(string name) => Document["components"]["schemas"][name];

    private static YamlNode Resolve(string reference)
    {
        Assert.StartsWith("#/", reference, StringComparison.Ordinal);
        var node = Document;
        foreach (var segment in reference[2..].Split('/'))
        {
            node = node[segment];
        }

        Assert.True(node.Exists, $"{reference} does not resolve in {AsyncApiDocument.Path}");
        return node;
    }

    private static void AssertSameNames(string what, IEnumerable<string> inCode, IEnumerable<string> inDocument, string where)
    {
        var code = inCode.ToHashSet(StringComparer.Ordinal);
        var document = inDocument.ToHashSet(StringComparer.Ordinal);
        Assert.True(
            code.SetEquals(document),
            $"{where}: the {what} differ. Only in the record: [{string.Join(", ", code.Except(document))}]; only in the document: [{string.Join(", ", document.Except(code))}]");
    }

    /// <summary>
    /// Required on the wire: a record's constructor parameter without a default and of a non-nullable type
    /// (deserialising without it would break the record's promise), or a <c>required</c> member. An init-only
    /// property is optional (a command read with parts missing is answered with what is missing).
    /// </summary>
    private static bool IsRequired(PropertyInfo property)
    {
        if (property.GetCustomAttribute<RequiredMemberAttribute>() is not null)
        {
            return true;
        }

        var parameter = property.DeclaringType!.GetConstructors()
            .Where(c => c.GetParameters() is var ps && !(ps.Length == 1 && ps[0].ParameterType == property.DeclaringType))
            .SelectMany(c => c.GetParameters())
            .FirstOrDefault(p => p.Name == property.Name);
        return parameter is not null && !parameter.HasDefaultValue && Nullability.Create(parameter).ReadState != NullabilityState.Nullable;
    }

    private static void AssertCompatible(Type type, bool nullable, NullabilityInfo? nullability, YamlNode schema)
    {
        var where = schema.Where;
        Assert.True(schema.Exists, $"{where} is missing");
        var underlying = Nullable.GetUnderlyingType(type);
        nullable |= underlying is not null;
        type = underlying ?? type;

        if (type == typeof(JsonElement))
        {
            Assert.False(schema["type"].Exists || schema["$ref"].Exists, $"{where}: any JSON value, so no type");
            return;
        }

        if (schema["oneOf"].Exists)
        {
            var options = schema["oneOf"].Items;
            Assert.True(nullable && options.Count == 2 && options[1]["type"].Scalar == "null", $"{where}: oneOf is only for a nullable reference (one $ref, then type: 'null')");
            AssertCompatible(type, nullable: false, nullability, options[0]);
            return;
        }

        var types = schema["type"].Items.Count > 0 ? schema["type"].Items.Select(i => i.Required()).ToList() : [schema["type"].Scalar ?? "(none)"];
        Assert.True(nullable == types.Contains("null"), $"{where}: {(nullable ? "nullable in C#, so its type must include null" : "not nullable in C#, so its type must not include null")}");
        var jsonType = types.SingleOrDefault(t => t != "null");

        if (AsyncApiDocument.IsRecord(type))
        {
            Assert.Equal($"#/components/schemas/{type.Name}", schema["$ref"].Scalar);
            return;
        }

        var (expected, format) = type switch
        {
            _ when type == typeof(string) => ("string", null),
            _ when type == typeof(DateTimeOffset) => ("string", "date-time"),
            _ when type == typeof(int) => ("integer", "int32"),
            _ when type == typeof(long) => ("integer", "int64"),
            _ when type == typeof(bool) => ("boolean", null),
            _ when Generic(type, typeof(IReadOnlyDictionary<,>)) is { } args && args[0] == typeof(string) => ("object", (string?)null),
            _ when Generic(type, typeof(IEnumerable<>)) is not null => ("array", null),
            _ => throw new InvalidOperationException($"{where}: no JSON type is known for {type}; teach AsyncApiDocumentTests"),
        };
        Assert.True(expected == jsonType, $"{where}: {type.Name} travels as {expected}, the schema says {jsonType}");
        Assert.True(format == schema["format"].Scalar, $"{where}: {type.Name} has format {format ?? "(none)"}, the schema says {schema["format"].Scalar ?? "(none)"}");

        if (expected == "object")
        {
            AssertCompatible(Generic(type, typeof(IReadOnlyDictionary<,>))![1], false, nullability?.GenericTypeArguments.ElementAtOrDefault(1), schema["additionalProperties"]);
        }
        else if (expected == "array")
        {
            var element = nullability?.GenericTypeArguments.ElementAtOrDefault(0);
            AssertCompatible(Generic(type, typeof(IEnumerable<>))![0], element?.ReadState == NullabilityState.Nullable, element, schema["items"]);
        }
    }

    private static Type[]? Generic(Type type, Type definition) =>
        type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition)?
            .GetGenericArguments();
}
