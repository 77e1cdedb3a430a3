using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.Surveys;

/// <summary>The survey stories on the embedded default: one process, in-memory bus, surveys started over HTTP.</summary>
public sealed class SurveysOnEmbeddedDefaultTests(SurveyHostOnEmbeddedDefault stage)
    : SurveyScenarios(stage), IClassFixture<SurveyHostOnEmbeddedDefault>;
