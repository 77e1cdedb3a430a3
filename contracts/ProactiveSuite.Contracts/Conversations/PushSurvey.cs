using ProactiveSuite.Contracts.References;
using ProactiveSuite.Contracts.Surveys;

namespace ProactiveSuite.Contracts.Conversations;

/// <summary>
/// Request (Dispatcher → Gateway): push a survey onto a conversation's flow stack, which the Gateway owns.
/// Answered with <see cref="SurveyPushed"/> or <see cref="SurveyPushRefused"/>. Sent by the Dispatcher for
/// a <see cref="StartSurvey"/> that passed validation; not meant for other publishers.
/// </summary>
/// <param name="Survey">The validated command.</param>
/// <param name="Address">The recipient's stored conversation, where the survey runs.</param>
/// <param name="ExpiresAfterSeconds">The survey's lifetime: the command's, or the Dispatcher's default.</param>
public sealed record PushSurvey(StartSurvey Survey, ConversationAddress Address, int ExpiresAfterSeconds);

/// <summary>Response to <see cref="PushSurvey"/>: the survey is on top of the conversation.</summary>
/// <param name="SurveyId">The survey.</param>
/// <param name="ConversationId">The conversation it runs in.</param>
/// <param name="Opening">The message that opens it (title and first question), for the Dispatcher to deliver.</param>
/// <param name="StartedAt">When it was pushed.</param>
/// <param name="ExpiresAt">When it expires unless finished.</param>
/// <param name="AlreadyAnswered">True when it was pushed before and the user has answered already: nothing is to be sent.</param>
public sealed record SurveyPushed(string SurveyId, string ConversationId, string Opening, DateTimeOffset StartedAt, DateTimeOffset ExpiresAt, bool AlreadyAnswered);

/// <summary>Response to <see cref="PushSurvey"/>: the conversation is unchanged.</summary>
/// <param name="SurveyId">The survey.</param>
/// <param name="ReasonCode">One of <see cref="SurveyFailureReasons"/> (<c>SurveyInProgress</c>, <c>AlreadyTaken</c>).</param>
/// <param name="Reason">A human-readable explanation.</param>
public sealed record SurveyPushRefused(string SurveyId, string ReasonCode, string Reason);

/// <summary>
/// Request (Dispatcher → Gateway): the survey's opening could not be delivered, so take it off the
/// conversation again, unless the user has answered it meanwhile. Idempotent; answered with <see cref="SurveyWithdrawn"/>.
/// </summary>
/// <param name="SurveyId">The survey.</param>
/// <param name="Address">The conversation it was pushed onto.</param>
public sealed record WithdrawSurvey(string SurveyId, ConversationAddress Address);

/// <summary>Response to <see cref="WithdrawSurvey"/>: the conversation no longer runs the unanswered survey.</summary>
/// <param name="SurveyId">The survey.</param>
/// <param name="Withdrawn">False when there was nothing to withdraw (already withdrawn, or the user answered meanwhile).</param>
public sealed record SurveyWithdrawn(string SurveyId, bool Withdrawn);
