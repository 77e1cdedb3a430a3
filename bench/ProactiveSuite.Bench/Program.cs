using System.Text.Json;
using System.Text.Json.Serialization;
using ProactiveSuite.Bench;
using ProactiveSuite.Bench.Results;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Stop measuring, but let every started process and the broker be stopped on the way out.
    e.Cancel = true;
    stop.Cancel();
};

var report = await new BenchRun(options, Console.Out).RunAsync(stop.Token);
Console.WriteLine();
ReportTable.Print(report, Console.Out);

var json = Path.GetFullPath(options.JsonPath);
Directory.CreateDirectory(Path.GetDirectoryName(json)!);
await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web)
{
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
}));
Console.WriteLine();
Console.WriteLine($"figures written to {json}");
return report.Errors.Count == 0 ? 0 : 1;
