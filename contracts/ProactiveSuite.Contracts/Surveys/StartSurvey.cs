using ProactiveSuite.Contracts.Notifications;

namespace ProactiveSuite.Contracts.Surveys;

/// <summary>
/// Command: take over one user's conversation with a survey. The Dispatcher pushes the survey onto the
/// conversation, asks the first question proactively and answers with <see cref="SurveyStarted"/> or
/// <see cref="SurveyFailed"/>; the answers then come as <see cref="SurveyAnswered"/> events and the survey
/// ends with <see cref="SurveyCompleted"/> or <see cref="SurveyExpired"/>.
/// </summary>
/// <remarks>
/// Properties are optional on the wire so that a command with missing parts still reaches the
/// Dispatcher and is answered with a <see cref="SurveyFailed"/> that says what is missing.
/// A conversation runs at most one survey at a time: a second one is refused (<c>SurveyInProgress</c>).
/// </remarks>
public sealed record StartSurvey
{
    /// <summary>
    /// The survey's id, shared by every recipient of the same survey: results are counted per survey id.
    /// Together with the recipient it is the idempotency key: the same survey is run once per conversation.
    /// </summary>
    public string? SurveyId { get; init; }

    /// <summary>Who is asked, as in <c>SendNotification</c>. The user must have written to the bot before.</summary>
    public Recipient? Recipient { get; init; }

    /// <summary>What the survey is called; shown to the user when it starts.</summary>
    public string? Title { get; init; }

    /// <summary>The questions, asked in this order: at least one, ids unique within the survey.</summary>
    public IReadOnlyList<SurveyQuestion>? Questions { get; init; }

    /// <summary>
    /// How long after it starts an unanswered survey expires, in seconds. Default: the Dispatcher's
    /// <c>Surveys:DefaultExpiry</c> (one day unless configured).
    /// </summary>
    public int? ExpiresAfterSeconds { get; init; }
}
