using System.Net;
using System.Text;
using ProactiveSuite.Cli;
using ProactiveSuite.Cli.Connection;

namespace ProactiveSuite.Tests.Cli;

/// <summary>A service's error answer becomes one line with its reason, and the exit code the tool's README lists.</summary>
public sealed class ServiceRefusalTests
{
    [Theory]
    [InlineData(HttpStatusCode.BadRequest, ExitCodes.Rejected)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, ExitCodes.Rejected)]
    [InlineData(HttpStatusCode.Unauthorized, ExitCodes.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden, ExitCodes.Unauthorized)]
    [InlineData(HttpStatusCode.NotFound, ExitCodes.NotFound)]
    [InlineData(HttpStatusCode.InternalServerError, ExitCodes.ServiceFailed)]
    public async Task Each_status_has_its_exit_code(HttpStatusCode status, int exitCode)
    {
        using var response = Answer(status, """{"title":"Some title","detail":"some detail"}""");

        var failure = await ServiceRefusal.DescribeAsync(response, TestContext.Current.CancellationToken);

        Assert.Equal(exitCode, failure.ExitCode);
        Assert.StartsWith(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_problem_becomes_its_title_and_detail_on_one_line()
    {
        using var response = Answer(HttpStatusCode.BadRequest, """{"title":"Not a valid notification","detail":"text is required\r\nand more"}""");

        var failure = await ServiceRefusal.DescribeAsync(response, TestContext.Current.CancellationToken);

        Assert.Equal("400 Bad Request: Not a valid notification: text is required and more", failure.Message);
    }

    [Fact]
    public async Task A_title_that_repeats_the_status_is_left_out()
    {
        using var response = Answer(HttpStatusCode.NotFound, """{"title":"Not Found","detail":"No notification 'x' is known."}""");

        var failure = await ServiceRefusal.DescribeAsync(response, TestContext.Current.CancellationToken);

        Assert.Equal("404 Not Found: No notification 'x' is known.", failure.Message);
    }

    [Fact]
    public async Task A_body_that_is_not_a_problem_leaves_the_status_line()
    {
        using var response = Answer(HttpStatusCode.BadGateway, "<html>proxy error</html>");

        var failure = await ServiceRefusal.DescribeAsync(response, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.ServiceFailed, failure.ExitCode);
        Assert.DoesNotContain("html", failure.Message, StringComparison.Ordinal);
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string body) => new(status)
    {
        Content = new StringContent(body, Encoding.UTF8, "application/problem+json"),
        RequestMessage = new HttpRequestMessage(HttpMethod.Get, "http://localhost:5080/notifications/x"),
    };
}
