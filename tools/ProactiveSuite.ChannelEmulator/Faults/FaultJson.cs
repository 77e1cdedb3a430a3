using System.Text.Json.Nodes;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// Fault rules as <c>/emulator/faults</c> reads and writes them:
/// <c>{"kind"?: "error"|"hang", "conversationId"?, "userId"?, "operation"?: "create"|"send"|"reply"|"update"|"delete", "status"?, "code"?,
/// "message"?, "retryAfterSeconds"?, "hangMilliseconds"?, "times"?}</c>.
/// </summary>
internal static class FaultJson
{
    public const string Shape =
        """{"kind"?: "error"|"hang", "conversationId"?, "userId"?, "operation"?: "create"|"send"|"reply"|"update"|"delete", "status": 403, "code"?: "ConversationBlockedByUser", "message"?, "retryAfterSeconds"?, "hangMilliseconds"?, "times"?}""";

    /// <summary>The fault the body describes, or null with the body's <see cref="ControlBody.Problem"/> set.</summary>
    public static ChannelFault? Read(ControlBody body)
    {
        body.Allow("kind", "conversationId", "userId", "operation", "status", "code", "message", "retryAfterSeconds", "hangMilliseconds", "times");
        var kindName = body.String("kind") ?? "error";
        var conversationId = body.String("conversationId");
        var userId = body.String("userId");
        var operationName = body.String("operation");
        var status = body.Int("status");
        var code = body.String("code");
        var message = body.String("message");
        var retryAfterSeconds = body.Int("retryAfterSeconds");
        var hangMilliseconds = body.Int("hangMilliseconds");
        var times = body.Int("times");

        ChannelFaultKind? kind = kindName switch
        {
            "error" => ChannelFaultKind.Error,
            "hang" => ChannelFaultKind.Hang,
            _ => null,
        };
        if (kind is null)
        {
            body.Fail($"kind '{kindName}' is not error or hang.");
        }
        ConnectorOperation? operation = null;
        if (operationName is not null)
        {
            operation = OperationNamed(operationName);
            if (operation is null)
            {
                body.Fail($"operation '{operationName}' is not create, send, reply, update or delete.");
            }
        }
        if (kind == ChannelFaultKind.Error && status is null)
        {
            body.Fail("status is required for an error: 400 to 599.");
        }
        if (body.Problem is not null)
        {
            return null;
        }

        var fault = new ChannelFault
        {
            Kind = kind!.Value,
            ConversationId = conversationId,
            UserId = userId,
            Operation = operation,
            // A hang stands for a call that never came back: 504 unless the rule says otherwise.
            StatusCode = status ?? StatusCodes.Status504GatewayTimeout,
            ErrorCode = code,
            Message = message,
            RetryAfter = retryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            HangFor = hangMilliseconds is { } milliseconds ? TimeSpan.FromMilliseconds(milliseconds) : TimeSpan.Zero,
            Count = times,
        };
        if (fault.Problem() is { } problem)
        {
            body.Fail(problem);
            return null;
        }
        return fault;
    }

    public static JsonObject Write(ChannelFaultRule rule)
    {
        var fault = rule.Fault;
        return new JsonObject
        {
            ["id"] = rule.Id,
            ["kind"] = fault.Kind == ChannelFaultKind.Hang ? "hang" : "error",
            ["conversationId"] = fault.ConversationId,
            ["userId"] = fault.UserId,
            ["operation"] = fault.Operation is { } operation ? NameOf(operation) : null,
            ["status"] = fault.StatusCode,
            ["code"] = fault.AnsweredCode,
            ["message"] = fault.Message,
            ["retryAfterSeconds"] = fault.RetryAfter is { } retryAfter ? (long)Math.Ceiling(retryAfter.TotalSeconds) : null,
            ["hangMilliseconds"] = fault.Kind == ChannelFaultKind.Hang ? fault.HangFor.TotalMilliseconds : null,
            ["times"] = fault.Count,
            ["applied"] = rule.Applied,
            ["remaining"] = rule.Remaining,
        };
    }

    public static JsonArray Write(IEnumerable<ChannelFaultRule> rules) => [.. rules.Select(r => (JsonNode)Write(r))];

    private static ConnectorOperation? OperationNamed(string name) => name switch
    {
        "create" => ConnectorOperation.CreateConversation,
        "send" => ConnectorOperation.SendToConversation,
        "reply" => ConnectorOperation.ReplyToActivity,
        "update" => ConnectorOperation.UpdateActivity,
        "delete" => ConnectorOperation.DeleteActivity,
        _ => null,
    };

    private static string NameOf(ConnectorOperation operation) => operation switch
    {
        ConnectorOperation.CreateConversation => "create",
        ConnectorOperation.SendToConversation => "send",
        ConnectorOperation.ReplyToActivity => "reply",
        ConnectorOperation.UpdateActivity => "update",
        ConnectorOperation.DeleteActivity => "delete",
        _ => operation.ToString(),
    };
}
