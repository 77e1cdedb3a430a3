using System.Diagnostics;
using ProactiveSuite.ServiceDefaults.Telemetry;

namespace ProactiveSuite.Tests.Telemetry;

public sealed class StoredTraceContextTests : IDisposable
{
    private const string WorkSource = "ProactiveSuite.Tests.StoredTraceContext";
    private static readonly ActivitySource Work = new(WorkSource);
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name is ProactiveSuiteTelemetry.Name or WorkSource,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public StoredTraceContextTests() => ActivitySource.AddActivityListener(_listener);

    [Fact]
    public void Work_resumed_later_continues_the_trace_it_was_stored_in()
    {
        string? stored;
        ActivityContext original;
        using (var scheduling = Work.StartActivity("schedule"))
        {
            original = scheduling!.Context;
            stored = StoredTraceContext.Current();
        }

        Assert.Null(Activity.Current);
        using var resumed = StoredTraceContext.Resume(stored, "resume scheduled delivery");

        Assert.NotNull(resumed);
        Assert.Equal(original.TraceId, resumed.TraceId);
        Assert.Equal(original.SpanId, resumed.ParentSpanId);
        Assert.Equal("resume scheduled delivery", resumed.OperationName);
    }

    [Fact]
    public void Nothing_stored_resumes_nothing()
    {
        Assert.Null(StoredTraceContext.Current());
        Assert.Null(StoredTraceContext.Resume(null, "resume"));
        Assert.Null(StoredTraceContext.Resume("not a traceparent", "resume"));
    }

    public void Dispose() => _listener.Dispose();
}
