namespace ProactiveSuite.ChannelEmulator;

/// <summary>The call that brought an activity into the emulated channel.</summary>
public enum ConnectorOperation
{
    /// <summary>A control route acted as a user and posted the activity to the bot's messaging endpoint.</summary>
    UserPost,

    /// <summary>The bot sent it as the first activity of <c>POST /v3/conversations</c>.</summary>
    CreateConversation,

    /// <summary>The bot sent it with <c>POST /v3/conversations/{conversationId}/activities</c>.</summary>
    SendToConversation,

    /// <summary>The bot sent it with <c>POST /v3/conversations/{conversationId}/activities/{activityId}</c>.</summary>
    ReplyToActivity,

    /// <summary>The bot replaced one of its messages with <c>PUT /v3/conversations/{conversationId}/activities/{activityId}</c>.</summary>
    UpdateActivity,

    /// <summary>The bot deleted one of its messages with <c>DELETE /v3/conversations/{conversationId}/activities/{activityId}</c>.</summary>
    DeleteActivity,
}
