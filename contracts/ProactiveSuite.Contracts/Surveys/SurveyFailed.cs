using ProactiveSuite.Contracts.Notifications;

namespace ProactiveSuite.Contracts.Surveys;

/// <summary>Event: a survey could not be started, or an answer addressed to a survey could not be taken.</summary>
/// <param name="SurveyId">The survey's id, or an empty string when the command had none.</param>
/// <param name="Recipient">The recipient, when known.</param>
/// <param name="ReasonCode">A stable, machine-readable code: one of <see cref="SurveyFailureReasons"/>.</param>
/// <param name="Reason">A human-readable explanation.</param>
/// <param name="FailedAt">When it failed.</param>
public sealed record SurveyFailed(
    string SurveyId,
    Recipient? Recipient,
    string ReasonCode,
    string Reason,
    DateTimeOffset FailedAt);

/// <summary>The reason codes of <see cref="SurveyFailed.ReasonCode"/>. New codes may be added.</summary>
public static class SurveyFailureReasons
{
    /// <summary>The command is not valid (no questions, duplicate question ids, a choice question without choices, …); the reason says what.</summary>
    public const string Invalid = "Invalid";

    /// <summary>No conversation with the user is stored (the user never wrote to the bot).</summary>
    public const string NoReference = "NoReference";

    /// <summary>Another survey is active in the conversation; start this one after it ends.</summary>
    public const string SurveyInProgress = "SurveyInProgress";

    /// <summary>This survey already ran in the conversation (completed, ended early or expired).</summary>
    public const string AlreadyTaken = "AlreadyTaken";

    /// <summary>An answer named a survey that is not active in the conversation; it was not recorded.</summary>
    public const string UnknownSurvey = "UnknownSurvey";

    /// <summary>The channel's connector refused the first question; the survey was withdrawn.</summary>
    public const string ConnectorRejected = "ConnectorRejected";

    /// <summary>The connector could not be reached for the first question; the survey was withdrawn.</summary>
    public const string Transient = "Transient";
}
