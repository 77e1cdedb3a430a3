using ProactiveSuite.Tests.SchemaValidators;

namespace ProactiveSuite.Tests.Contracts;

/// <summary>
/// docs/asyncapi.yaml against the AsyncAPI specification, with the AsyncAPI initiative's own parser
/// (npm @asyncapi/parser, offline once tests/run.sh installed it): a document tools cannot read helps no one,
/// however well it matches the records (<see cref="AsyncApiDocumentTests"/>).
/// </summary>
public sealed class AsyncApiSchemaTests
{
    [Fact]
    public async Task The_document_is_valid_asyncapi_without_errors_or_warnings()
    {
        var (exitCode, lines, report) = await SchemaValidator.RunAsync("validate-asyncapi.mjs", AsyncApiDocument.Path);

        Assert.True(exitCode == 0, report);
        Assert.DoesNotContain(lines, l => l.StartsWith("error", StringComparison.Ordinal) || l.StartsWith("warning", StringComparison.Ordinal));
    }
}
