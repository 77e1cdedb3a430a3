using System.Net;
using System.Net.Http.Json;
using ProactiveSuite.Contracts.Surveys;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>The embedded default as the README runs it: in-memory bus, surveys started with <c>POST /surveys</c>.</summary>
public sealed class SurveyHostOnEmbeddedDefault : IAsyncLifetime, ISurveyStage
{
    private readonly EmbeddedDefaultHost _host = new();

    public HttpClient Http => _host.Http;

    public ObservedSurveyEvents? Events => null;

    public ValueTask InitializeAsync() => _host.InitializeAsync();

    public async Task StartSurveyAsync(StartSurvey command, CancellationToken cancellationToken)
    {
        var response = await Http.PostAsJsonAsync("/surveys", command, cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /surveys answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    public string Logs() => _host.Logs();

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
