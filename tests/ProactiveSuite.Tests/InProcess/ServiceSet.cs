namespace ProactiveSuite.Tests.InProcess;

/// <summary>Which services an <see cref="InProcessSystem"/> composes; <see cref="All"/> is the single-process Host.</summary>
[Flags]
public enum ServiceSet
{
    Gateway = 1,
    Registry = 2,
    Dispatcher = 4,
    All = Gateway | Registry | Dispatcher,
}
