using MassTransit;
using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.ServiceDefaults.Messaging;

namespace ProactiveSuite.Dispatcher.Surveys.Responses;

/// <summary>Keeps each respondent's response up to date from the survey events, for the results.</summary>
public sealed class SurveyResponseConsumer(ISurveyResultsStore store) :
    IConsumer<SurveyStarted>,
    IConsumer<SurveyAnswered>,
    IConsumer<SurveyCompleted>,
    IConsumer<SurveyExpired>,
    IConsumer<SurveyFailed>
{
    public Task Consume(ConsumeContext<SurveyStarted> context) =>
        RecordAsync(Valid(context.Message.SurveyId, context.Message.Recipient) ? ResponseNews.From(context.Message) : null, context);

    public Task Consume(ConsumeContext<SurveyAnswered> context) =>
        RecordAsync(Valid(context.Message.SurveyId, context.Message.Recipient) ? ResponseNews.From(context.Message) : null, context);

    public Task Consume(ConsumeContext<SurveyCompleted> context) =>
        RecordAsync(Valid(context.Message.SurveyId, context.Message.Recipient) ? ResponseNews.From(context.Message) : null, context);

    public Task Consume(ConsumeContext<SurveyExpired> context) =>
        RecordAsync(Valid(context.Message.SurveyId, context.Message.Recipient) ? ResponseNews.From(context.Message) : null, context);

    /// <summary>A failure is recorded when it concerns a respondent; others (no survey id, unknown survey) concern no response.</summary>
    public async Task Consume(ConsumeContext<SurveyFailed> context)
    {
        if (ResponseNews.From(context.Message) is { } news)
        {
            await store.RecordAsync(news, context.CancellationToken);
        }
    }

    private async Task RecordAsync(ResponseNews? news, ConsumeContext context) =>
        await store.RecordAsync(
            news ?? throw new InvalidMessageException($"{context.SupportedMessageTypes.FirstOrDefault()} rejected: surveyId, recipient.channelId and recipient.userId are required"),
            context.CancellationToken);

    private static bool Valid(string? surveyId, Contracts.Notifications.Recipient? recipient) =>
        !string.IsNullOrEmpty(surveyId) && !string.IsNullOrEmpty(recipient?.ChannelId) && !string.IsNullOrEmpty(recipient.UserId);
}

public sealed class SurveyResponseConsumerDefinition : ConsumerDefinition<SurveyResponseConsumer>
{
    public SurveyResponseConsumerDefinition() => EndpointName = "dispatcher-survey-responses";

    // The short retries also take an ETagConflictException from the store again: the merge is redone on what the other writer wrote.
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<SurveyResponseConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseShortRetries();
}
