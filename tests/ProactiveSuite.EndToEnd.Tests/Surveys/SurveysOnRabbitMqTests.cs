using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;
using ProactiveSuite.Testing;
using RabbitMQ.Client;

namespace ProactiveSuite.EndToEnd.Tests.Surveys;

/// <summary>
/// The survey stories on RabbitMQ: StartSurvey published by an outside service on a real broker, the
/// survey events observed there.
/// </summary>
public sealed partial class SurveysOnRabbitMqTests(SurveyHostOnRabbitMq stage)
    : SurveyScenarios(stage), IClassFixture<SurveyHostOnRabbitMq>
{
    [Fact]
    public async Task Bad_StartSurvey_commands_get_SurveyFailed_Invalid_with_the_reason_and_the_queue_moves_on()
    {
        var user = EmulatedUser.New(stage);
        await user.StartsConversationAsync("hi");
        var good = Lunch(NewSurveyId(), user);
        var bad = new (StartSurvey Command, string Reason)[]
        {
            (good with { SurveyId = NewSurveyId(), Questions = [] }, "questions: a survey needs at least one question"),
            (good with { SurveyId = NewSurveyId(), Questions = [good.Questions![0], good.Questions[0]] }, "duplicate question id 'meal'"),
            (good with { SurveyId = NewSurveyId(), Questions = [good.Questions![0] with { Choices = null }] }, "question 'meal' is a choice question with no choices"),
        };

        foreach (var (command, _) in bad)
        {
            await stage.Bus.Publish(command, TestContext.Current.CancellationToken);
        }

        await stage.Bus.Publish(good, TestContext.Current.CancellationToken);

        foreach (var (command, reason) in bad)
        {
            var failed = await Eventually.Within(ct => stage.Events!.Failed.WaitForAsync(e => e.SurveyId == command.SurveyId, ct), $"SurveyFailed for {reason}", stage.Logs);
            Assert.Equal((SurveyFailureReasons.Invalid, $"StartSurvey rejected: {reason}"), (failed.ReasonCode, failed.Reason));
        }

        await user.ProactiveMessageAsync(t => t.StartsWith("Survey: Lunch", StringComparison.Ordinal), "the valid survey behind the bad ones");
        Assert.Equal(["Survey: Lunch"], (await user.ProactiveTextsAsync()).Select(t => t[..13]));
    }

    [Fact]
    public async Task A_survey_for_a_user_who_never_wrote_fails_with_NoReference()
    {
        var surveyId = NewSurveyId();
        var stranger = new EmulatedUser(stage, "user-" + Guid.NewGuid().ToString("N")[..12]);

        await stage.Bus.Publish(Lunch(surveyId, stranger) with { Recipient = new Recipient("emulator", stranger.Id) }, TestContext.Current.CancellationToken);

        var failed = await Eventually.Within(ct => stage.Events!.Failed.WaitForAsync(e => e.SurveyId == surveyId, ct), "SurveyFailed", stage.Logs);
        Assert.Equal(SurveyFailureReasons.NoReference, failed.ReasonCode);
    }

    [Fact]
    public async Task A_survey_published_as_documented_json_with_a_plain_amqp_client_starts()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = EmulatedUser.New(stage);
        await user.StartsConversationAsync("hi");
        var contracts = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "contracts.md"));
        var block = WireBlock().Match(contracts);
        Assert.True(block.Success, "docs/contracts.md has no JSON block after <!-- wire:StartSurvey -->");
        var envelope = JsonNode.Parse(block.Groups["json"].Value)!.AsObject();
        var surveyId = NewSurveyId();
        envelope["messageId"] = Guid.NewGuid().ToString();
        envelope["message"]!["surveyId"] = surveyId;
        envelope["message"]!["recipient"]!["userId"] = user.Id;

        var factory = new ConnectionFactory { Uri = stage.AmqpUri };
        await using (var connection = await factory.CreateConnectionAsync(ct))
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: ct))
        {
            const string exchange = "ProactiveSuite.Contracts.Surveys:StartSurvey";
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, cancellationToken: ct);
            var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", DeliveryMode = DeliveryModes.Persistent };
            await channel.BasicPublishAsync(exchange, "", mandatory: false, properties, Encoding.UTF8.GetBytes(envelope.ToJsonString()), ct);
        }

        var started = await Eventually.Within(c => stage.Events!.Started.WaitForAsync(e => e.SurveyId == surveyId, c), "SurveyStarted", stage.Logs);
        Assert.Equal(user.ConversationId, started.ConversationId);
        Assert.Equal(TimeSpan.FromSeconds(86400), started.ExpiresAt - started.StartedAt);
        var opening = await user.ProactiveMessageAsync(t => t.StartsWith("Survey: Lunch", StringComparison.Ordinal), "the documented survey's first question");
        Assert.Equal(started.ActivityId, opening["id"]!.GetValue<string>());
    }

    [GeneratedRegex(@"<!-- wire:StartSurvey -->\s*```json\s*(?<json>.*?)```", RegexOptions.Singleline)]
    private static partial Regex WireBlock();
}
