using System.Net;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.Dispatcher.Connector;
using ProactiveSuite.Dispatcher.Delivery;

namespace ProactiveSuite.Tests.Dispatcher;

public class RetryPolicyTests
{
    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.PreconditionFailed, false)]
    [InlineData(HttpStatusCode.BadGateway, false)]
    [InlineData(HttpStatusCode.ServiceUnavailable, false)]
    [InlineData(HttpStatusCode.GatewayTimeout, false)]
    public void Throttling_and_passing_server_faults_are_retried(HttpStatusCode status, bool throttled)
    {
        var verdict = Assert.IsType<FailureVerdict.Retry>(RetryPolicy.Judge(new ConnectorException(status, null, "x", retryAfter: TimeSpan.FromSeconds(3))));
        Assert.Equal(throttled, verdict.Throttled);
        Assert.Equal(TimeSpan.FromSeconds(3), verdict.RetryAfter);
    }

    [Fact]
    public void No_answer_at_all_is_retried() =>
        Assert.IsType<FailureVerdict.Retry>(RetryPolicy.Judge(new ConnectorException(null, null, "timeout")));

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "ConversationBlockedByUser", NotificationFailureReasons.UserBlocked, RevocationReasons.UserBlocked)]
    [InlineData(HttpStatusCode.Forbidden, "BotDisabledByAdmin", NotificationFailureReasons.BotDisabledByAdmin, RevocationReasons.BotDisabledByAdmin)]
    [InlineData(HttpStatusCode.Forbidden, "BotNotInConversationRoster", NotificationFailureReasons.BotRemoved, RevocationReasons.BotRemoved)]
    [InlineData(HttpStatusCode.Forbidden, "ForbiddenOperationException", NotificationFailureReasons.NotInstalled, RevocationReasons.NotInstalled)]
    [InlineData(HttpStatusCode.NotFound, "ConversationNotFound", NotificationFailureReasons.ConversationNotFound, RevocationReasons.ConversationNotFound)]
    public void A_gone_user_is_not_retried_and_their_reference_is_revoked(HttpStatusCode status, string code, string failure, string revocation)
    {
        var verdict = Assert.IsType<FailureVerdict.Gone>(RetryPolicy.Judge(new ConnectorException(status, code, "x")));
        Assert.Equal((failure, revocation), (verdict.FailureReasonCode, verdict.RevocationReasonCode));
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, NotificationFailureReasons.MessageTooLarge)]
    [InlineData(HttpStatusCode.Unauthorized, NotificationFailureReasons.BotNotRegistered)]
    [InlineData(HttpStatusCode.BadRequest, NotificationFailureReasons.ConnectorRejected)]
    [InlineData(HttpStatusCode.InternalServerError, NotificationFailureReasons.ConnectorRejected)]
    public void Other_refusals_are_final(HttpStatusCode status, string failure) =>
        Assert.Equal(failure, Assert.IsType<FailureVerdict.Permanent>(RetryPolicy.Judge(new ConnectorException(status, null, "x"))).FailureReasonCode);

    [Fact]
    public void An_unknown_403_is_final_but_revokes_nothing() =>
        Assert.IsType<FailureVerdict.Permanent>(RetryPolicy.Judge(new ConnectorException(HttpStatusCode.Forbidden, "SomethingElse", "x")));

    [Fact]
    public void Backoff_doubles_per_attempt_with_jitter_and_a_cap()
    {
        var options = new DeliveryOptions { BackoffBase = TimeSpan.FromSeconds(1), BackoffCap = TimeSpan.FromSeconds(10) };
        var random = new Random(7);
        for (var attempt = 1; attempt <= 8; attempt++)
        {
            var full = Math.Min(Math.Pow(2, attempt - 1), 10);
            var delay = RetryPolicy.Backoff(attempt, options, random).TotalSeconds;
            Assert.InRange(delay, full * 0.5, full);
        }

        var spread = Enumerable.Range(0, 50).Select(_ => RetryPolicy.Backoff(3, options, random)).Distinct().Count();
        Assert.True(spread > 40, "jitter spreads retries that were throttled together");
    }
}
