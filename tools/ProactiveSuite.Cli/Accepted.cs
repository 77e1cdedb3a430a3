namespace ProactiveSuite.Cli;

/// <summary>A service's 202 answer: the id of what it took, generated where the command left it out.</summary>
public sealed record Accepted(string? NotificationId, string? SurveyId);
