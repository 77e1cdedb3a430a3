using Microsoft.Extensions.Configuration;
using ProactiveSuite.ServiceDefaults.Telemetry;

namespace ProactiveSuite.Tests.Telemetry;

public sealed class TelemetryExportersTests
{
    [Fact]
    public void Nothing_configured_exports_nothing() =>
        Assert.Equal(new TelemetryExporters(false, false, false, false), From());

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")]
    [InlineData("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318/v1/traces")]
    [InlineData("OTEL_LOGS_EXPORTER", "otlp")]
    public void An_otlp_endpoint_or_exporter_turns_otlp_on(string key, string value) =>
        Assert.True(From((key, value)).Otlp);

    [Fact]
    public void The_console_is_chosen_per_signal()
    {
        var exporters = From(("OTEL_TRACES_EXPORTER", "console"), ("OTEL_METRICS_EXPORTER", " otlp , Console "));

        Assert.Equal(new TelemetryExporters(Otlp: true, ConsoleTraces: true, ConsoleMetrics: true, ConsoleLogs: false), exporters);
    }

    [Fact]
    public void An_empty_endpoint_is_not_an_endpoint() =>
        Assert.False(From(("OTEL_EXPORTER_OTLP_ENDPOINT", " ")).Otlp);

    private static TelemetryExporters From(params (string Key, string Value)[] settings) =>
        TelemetryExporters.From(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());
}
