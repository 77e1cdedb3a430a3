namespace ProactiveSuite.Dispatcher.Surveys;

/// <summary>Survey settings, bound from the <c>Surveys</c> configuration section.</summary>
public sealed class SurveyOptions
{
    public const string Section = "Surveys";

    /// <summary>How long a survey runs when its command names no expiry (<c>Surveys:DefaultExpiry</c>, e.g. <c>1.00:00:00</c>).</summary>
    public TimeSpan DefaultExpiry { get; set; } = TimeSpan.FromDays(1);
}
