namespace ProactiveSuite.Dispatcher.Connector;

/// <summary>
/// A call to a serviceUrl outside the allowlist was refused before anything was sent: retrying
/// cannot help, and the notification fails with <c>ServiceUrlNotAllowed</c>.
/// </summary>
public sealed class ServiceUrlNotAllowedException(string message) : Exception(message);
