namespace ProactiveSuite.EndToEnd.Tests.Security.Fuzzing;

/// <summary>One operator request: which service, the method and path with its query, and a JSON body or none.</summary>
public sealed record HostileOperatorRequest(string Service, HttpMethod Method, string PathAndQuery, string? Body = null);

/// <summary>
/// Operator requests to the group conversation look-ups, sending and paging that no endpoint can use: bad query
/// values, odd ids, recipients naming both or neither of a user and a conversation, unknown broadcast scopes.
/// </summary>
public static class HostileOperatorRequests
{
    private static readonly string Huge = new('x', 5000);

    public static IEnumerable<HostileOperatorRequest> All()
    {
        string[] conversationQueries =
        [
            "limit=abc", "limit=-1", "limit=0", "limit=100000", "limit=99999999999999999999", "limit=1.5", "limit=%00", "type=nonsense", "type=personal",
            "teamsOnly=maybe", "teamsOnly=1", "after=garbage", "after=%7C", "after=" + Huge, "limit=5&limit=6", "type=channel&type=groupChat",
            "channelId=emulator&channelId=msteams", "teamId=" + Huge + "&limit=-5",
        ];
        foreach (var query in conversationQueries)
        {
            yield return new("registry", HttpMethod.Get, "/conversations?channelId=emulator&" + query);
        }

        yield return new("registry", HttpMethod.Get, "/conversations");
        // Not "%2E%2E": the client itself removes it as a dot segment, and the request reaches no route at all.
        foreach (var id in new[] { "a%2Fb", "a%5Cb", "x%3Fy", "x%23y", "a%07b", Huge, "%F0%9F%98%80%E2%80%AE", "%25", "a%7Cb" })
        {
            yield return new("registry", HttpMethod.Get, "/conversations/emulator/" + id);
            yield return new("registry", HttpMethod.Get, $"/conversations/{id}/19%3Ax%40thread.v2");
        }

        foreach (var query in new[] { "limit=abc", "limit=-1", "limit=1&limit=2", "after=a&after=b", "limit=" + Huge })
        {
            yield return new("registry", HttpMethod.Get, "/references?" + query);
            yield return new("dispatcher", HttpMethod.Get, "/notifications/fuzz-op/recipients?" + query);
        }

        // The Dispatcher's cursor is a ledger key compared as text: an unknown one is an empty page, not an error.
        yield return new("registry", HttpMethod.Get, "/references?after=nonsense");

        string[] recipients =
        [
            """{"channelId": "emulator", "userId": "u", "conversationId": "19:x@thread.v2"}""",
            """{"channelId": "emulator"}""",
            """{"channelId": "emulator", "conversationId": ""}""",
            """{"channelId": "emulator", "conversationId": "   "}""",
            $$"""{"channelId": "emulator", "conversationId": "{{Huge}}"}""",
            """{"channelId": "emulator", "conversationId": "a/../b"}""",
            """{"channelId": "emulator", "conversationId": ".."}""",
            """{"channelId": "emulator", "conversationId": "x?y=1"}""",
            """{"channelId": "emulator", "conversationId": "x\u0007y"}""",
            """{"channelId": "emulator", "conversationId": 19}""",
            """{"channelId": "emulator", "userId": null, "conversationId": null}""",
        ];
        foreach (var recipient in recipients)
        {
            yield return new("dispatcher", HttpMethod.Post, "/notifications", $$"""{"recipient": {{recipient}}, "text": "fuzz"}""");
            yield return new("dispatcher", HttpMethod.Post, "/broadcasts", $$"""{"audience": {"recipients": [{{recipient}}]}, "text": "fuzz"}""");
        }

        foreach (var scope in new[] { "\"nonsense\"", "\"\"", "\"Channels\"", "7", "true", "[\"teams\"]", "{}", $"\"{Huge}\"" })
        {
            yield return new("dispatcher", HttpMethod.Post, "/broadcasts", $$"""{"audience": {"channelId": "emulator", "scope": {{scope}}}, "text": "fuzz"}""");
        }

        yield return new("dispatcher", HttpMethod.Post, "/broadcasts", """{"audience": {"recipients": [{"channelId": "emulator", "userId": "u"}], "scope": "teams"}, "text": "fuzz"}""");
        yield return new("dispatcher", HttpMethod.Post, "/surveys", """{"recipient": {"channelId": "emulator", "conversationId": "19:x@thread.v2"}, "title": "t", "questions": [{"id": "q", "text": "?", "choices": ["a", "b"]}]}""");
        yield return new("dispatcher", HttpMethod.Post, "/surveys", """{"recipient": {"channelId": "emulator", "userId": "u", "conversationId": "19:x@thread.v2"}, "title": "t"}""");
    }
}
