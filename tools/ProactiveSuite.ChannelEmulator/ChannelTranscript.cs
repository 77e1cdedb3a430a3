namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// Everything that passed through the emulated channel, in arrival order: the activities users posted to the bot and
/// the ones the bot sent back, plus the conversations the bot created. Thread-safe; one per emulator.
/// </summary>
public sealed class ChannelTranscript
{
    private readonly Lock _gate = new();
    private readonly List<RecordedActivity> _activities = [];
    private readonly List<ConversationCreated> _created = [];
    private readonly List<string> _conversationOrder = [];
    private readonly HashSet<string> _knownConversations = new(StringComparer.Ordinal);
    private readonly List<ActivityWaiter> _waiters = [];

    /// <summary>Every recorded activity, oldest first.</summary>
    public IReadOnlyList<RecordedActivity> All()
    {
        lock (_gate)
        {
            return [.. _activities];
        }
    }

    /// <summary>The activities of one conversation, oldest first; empty for an unknown conversation.</summary>
    public IReadOnlyList<RecordedActivity> InConversation(string id)
    {
        lock (_gate)
        {
            return [.. _activities.Where(a => string.Equals(a.ConversationId, id, StringComparison.Ordinal))];
        }
    }

    /// <summary>
    /// The bot's message <paramref name="activityId"/> in <paramref name="conversationId"/> as it stands now (its
    /// latest update); null when the bot never sent it or deleted it.
    /// </summary>
    public RecordedActivity? CurrentMessage(string conversationId, string activityId)
    {
        lock (_gate)
        {
            RecordedActivity? current = null;
            foreach (var a in _activities)
            {
                if (a.Direction != ActivityDirection.ToUser
                    || !string.Equals(a.ConversationId, conversationId, StringComparison.Ordinal)
                    || !string.Equals(a.ActivityId, activityId, StringComparison.Ordinal))
                {
                    continue;
                }
                current = a.Operation == ConnectorOperation.DeleteActivity ? null : a;
            }
            return current;
        }
    }

    /// <summary>The id of the newest message in <paramref name="conversationId"/>, either way; null when there is none.</summary>
    public string? NewestMessageId(string conversationId)
    {
        lock (_gate)
        {
            return _activities.FindLast(a => string.Equals(a.ConversationId, conversationId, StringComparison.Ordinal)
                && a.Operation is not (ConnectorOperation.UpdateActivity or ConnectorOperation.DeleteActivity)
                && a.Type == "message")?.ActivityId;
        }
    }

    /// <summary>The ids of every conversation seen (with activities, or created by the bot), in order of first appearance.</summary>
    public IReadOnlyList<string> Conversations()
    {
        lock (_gate)
        {
            return [.. _conversationOrder];
        }
    }

    /// <summary>The conversations the bot created with <c>POST /v3/conversations</c>, oldest first.</summary>
    public IReadOnlyList<ConversationCreated> CreatedConversations()
    {
        lock (_gate)
        {
            return [.. _created];
        }
    }

    /// <summary>Forgets everything recorded so far. Pending <see cref="WaitForAsync"/> calls keep waiting for new activities.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _activities.Clear();
            _created.Clear();
            _conversationOrder.Clear();
            _knownConversations.Clear();
        }
    }

    /// <summary>
    /// Completes with the first recorded activity that matches, already recorded or still to come. Lets tests wait
    /// for a proactive message without polling; bound the wait with <paramref name="ct"/>.
    /// </summary>
    public async Task<RecordedActivity> WaitForAsync(Func<RecordedActivity, bool> match, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(match);
        ct.ThrowIfCancellationRequested();

        var waiter = new ActivityWaiter(match);
        lock (_gate)
        {
            // Checked under the same lock as Add, so an activity recorded meanwhile is either seen here or by the waiter.
            var existing = _activities.Find(a => match(a));
            if (existing is not null)
            {
                return existing;
            }
            _waiters.Add(waiter);
        }

        using (ct.Register(() => Abandon(waiter, ct)))
        {
            return await waiter.Completion.Task.ConfigureAwait(false);
        }
    }

    internal void Add(RecordedActivity activity)
    {
        List<ActivityWaiter>? matched = null;
        lock (_gate)
        {
            _activities.Add(activity);
            Remember(activity.ConversationId);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Offer(activity))
                {
                    (matched ??= []).Add(_waiters[i]);
                    _waiters.RemoveAt(i);
                }
            }
        }

        // Completed outside the lock; the completion sources also run continuations asynchronously, so a test
        // continuing after WaitForAsync never runs on the request thread that recorded the activity.
        foreach (var waiter in matched ?? [])
        {
            waiter.Complete(activity);
        }
    }

    internal void Add(ConversationCreated conversation)
    {
        lock (_gate)
        {
            _created.Add(conversation);
            Remember(conversation.ConversationId);
        }
    }

    private void Remember(string conversationId)
    {
        if (_knownConversations.Add(conversationId))
        {
            _conversationOrder.Add(conversationId);
        }
    }

    private void Abandon(ActivityWaiter waiter, CancellationToken ct)
    {
        lock (_gate)
        {
            _waiters.Remove(waiter);
        }
        waiter.Completion.TrySetCanceled(ct);
    }

    private sealed class ActivityWaiter(Func<RecordedActivity, bool> match)
    {
        private Exception? _matchFailure;

        public TaskCompletionSource<RecordedActivity> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>True when this waiter is done with the activity: it matched, or the test's predicate threw.</summary>
        public bool Offer(RecordedActivity activity)
        {
            try
            {
                return match(activity);
            }
#pragma warning disable CA1031 // A faulty test predicate must fail that test's wait, not the channel request recording the activity.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _matchFailure = e;
                return true;
            }
        }

        public void Complete(RecordedActivity activity)
        {
            if (_matchFailure is not null)
            {
                Completion.TrySetException(_matchFailure);
            }
            else
            {
                Completion.TrySetResult(activity);
            }
        }
    }
}
