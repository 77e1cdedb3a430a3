namespace ProactiveSuite.Cli.Connection;

/// <summary>Which service answers a call: they may run apart (--url, --registry-url).</summary>
public enum OperatorService
{
    Dispatcher,
    Registry,
}
