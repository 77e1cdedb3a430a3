using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;

namespace ProactiveSuite.ServiceDefaults.Telemetry;

public static class ObservedGaugeExtensions
{
    /// <summary>
    /// A gauge of the <c>ProactiveSuite</c> meter whose value is counted in a store, e.g. the references
    /// stored. The count runs in the background every <c>Telemetry:GaugeIntervalSeconds</c> (30 by default),
    /// not when metrics are collected, so a slow or unreachable store never stalls the exporter; while the
    /// count fails the gauge reports nothing, and the failure is logged.
    /// </summary>
    /// <param name="count">Counts, with services from a scope of its own.</param>
    public static IHostApplicationBuilder AddObservedGauge(
        this IHostApplicationBuilder builder, string name, string unit, string description, Func<IServiceProvider, CancellationToken, Task<long>> count)
    {
        var interval = TimeSpan.FromSeconds(builder.Configuration.GetValue("Telemetry:GaugeIntervalSeconds", 30.0));
        builder.Services.AddSingleton<IHostedService>(sp => new ObservedGauge(name, unit, description, count, interval, sp));
        return builder;
    }
}

internal sealed partial class ObservedGauge : BackgroundService
{
    private readonly string _name;
    private readonly Func<IServiceProvider, CancellationToken, Task<long>> _count;
    private readonly TimeSpan _interval;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<ObservedGauge> _logger;

    // The last count, or -1 while there is none: read by the meter's collection, written by the count.
    private long _last = -1;

    public ObservedGauge(string name, string unit, string description, Func<IServiceProvider, CancellationToken, Task<long>> count, TimeSpan interval, IServiceProvider services)
    {
        _name = name;
        _count = count;
        _interval = interval;
        _scopes = services.GetRequiredService<IServiceScopeFactory>();
        _logger = services.GetRequiredService<ILogger<ObservedGauge>>();
        services.GetRequiredService<IMeterFactory>().Create(ProactiveSuiteTelemetry.Name)
            .CreateObservableGauge(name, Observe, unit, description);
    }

    private IEnumerable<Measurement<long>> Observe() =>
        Interlocked.Read(ref _last) is var last and >= 0 ? [new Measurement<long>(last)] : [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval);
        do
        {
            try
            {
                // A count every interval is not a story anyone follows: its store spans would only bury those that are.
                using var untraced = SuppressInstrumentationScope.Begin();
                await using var scope = _scopes.CreateAsyncScope();
                Interlocked.Exchange(ref _last, await _count(scope.ServiceProvider, stoppingToken));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                Interlocked.Exchange(ref _last, -1);
                LogCountFailed(_name, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count {Gauge}; the gauge reports nothing until a count succeeds")]
    private partial void LogCountFailed(string gauge, Exception exception);
}
