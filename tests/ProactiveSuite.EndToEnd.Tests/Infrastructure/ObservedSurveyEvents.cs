using ProactiveSuite.Contracts.Surveys;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>The survey events an outside service received.</summary>
public sealed class ObservedSurveyEvents
{
    public ObservedMessages<SurveyStarted> Started { get; } = new();

    public ObservedMessages<SurveyAnswered> Answered { get; } = new();

    public ObservedMessages<SurveyCompleted> Completed { get; } = new();

    public ObservedMessages<SurveyExpired> Expired { get; } = new();

    public ObservedMessages<SurveyFailed> Failed { get; } = new();
}
