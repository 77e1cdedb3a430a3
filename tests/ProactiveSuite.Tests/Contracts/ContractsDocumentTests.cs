using ProactiveSuite.Tests.Deployment;

namespace ProactiveSuite.Tests.Contracts;

/// <summary>
/// docs/contracts.md is prose for people, so it is not compared member by member like asyncapi.yaml; but
/// a message or a member it never mentions is one a publisher in another language cannot know about.
/// </summary>
public sealed class ContractsDocumentTests
{
    private static readonly string Document = RepositoryFile.Read("docs/contracts.md");

    [Fact]
    public void Every_message_is_described()
    {
        Assert.All(AsyncApiDocument.ContractMessages(), type => Assert.True(
            Document.Contains($"`{type.Name}`", StringComparison.Ordinal) || Headings().Any(h => WholeWord(h, type.Name)),
            $"docs/contracts.md never names {type.Name}"));
    }

    [Fact]
    public void Every_member_of_every_record_is_mentioned()
    {
        Assert.All(AsyncApiDocument.ContractRecords(), type => Assert.All(AsyncApiDocument.WireProperties(type), property =>
        {
            var name = AsyncApiDocument.JsonName(property);
            // As a JSON member, a table row or in prose: a whole word is enough to have been told about it.
            Assert.True(WholeWord(Document, name), $"docs/contracts.md never mentions {type.Name}.{name}");
        }));
    }

    private static IEnumerable<string> Headings() => Document.Split('\n').Where(l => l.StartsWith('#'));

    private static bool WholeWord(string text, string word) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, $@"(?<![A-Za-z0-9]){System.Text.RegularExpressions.Regex.Escape(word)}(?![A-Za-z0-9])");

    [Fact]
    public void Every_queue_a_service_consumes_from_is_listed()
    {
        Assert.All(AsyncApiDocument.Consumers().Select(c => c.Queue).Distinct(), queue =>
            Assert.True(Document.Contains($"`{queue}`", StringComparison.Ordinal), $"docs/contracts.md does not list the queue {queue}"));
    }

    [Fact]
    public void Every_failure_reason_code_is_explained()
    {
        var codes = typeof(ProactiveSuite.Contracts.Notifications.NotificationFailureReasons)
            .GetFields()
            .Concat(typeof(ProactiveSuite.Contracts.Surveys.SurveyFailureReasons).GetFields())
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!);

        Assert.All(codes, code => Assert.True(Document.Contains($"| `{code}`", StringComparison.Ordinal) || Document.Contains($"/ `{code}`", StringComparison.Ordinal), $"docs/contracts.md has no row for the reason code {code}"));
    }
}
