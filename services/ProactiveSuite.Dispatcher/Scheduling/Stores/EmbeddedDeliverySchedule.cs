using LiteDB;

namespace ProactiveSuite.Dispatcher.Scheduling.Stores;

/// <summary>The schedule in the embedded LiteDB file of the single-process default.</summary>
internal sealed class EmbeddedDeliverySchedule : IDeliverySchedule
{
    // A parameter, not the time written into the query: LiteDB parses and compiles each new query text (a
    // compiled expression, JIT-compiled), and the poller asks four times a second, for as long as it runs.
    private const string DueAndUnclaimed = "dueAt <= @0 AND claimedUntil <= @0";

    private readonly ILiteCollection<BsonDocument> _scheduled;
    private readonly Lock _gate = new();

    public EmbeddedDeliverySchedule(LiteDatabase database)
    {
        _scheduled = database.GetCollection("scheduledDeliveries");
        _scheduled.EnsureIndex("dueAt");
        _scheduled.EnsureIndex("recipient");
    }

    public Task AddAsync(ScheduledDelivery delivery, CancellationToken cancellationToken)
    {
        _scheduled.Insert(new BsonDocument
        {
            ["_id"] = delivery.Id,
            ["dueAt"] = delivery.DueAt.ToUnixTimeMilliseconds(),
            ["claimedUntil"] = 0L,
            ["kind"] = delivery.Kind.ToString(),
            ["payload"] = delivery.Payload,
            ["reason"] = delivery.Reason,
            ["traceParent"] = delivery.TraceParent is { } traceParent ? new BsonValue(traceParent) : BsonValue.Null,
            ["recipient"] = delivery.Recipient is { } recipient ? new BsonValue(recipient) : BsonValue.Null,
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ScheduledDelivery>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        lock (_gate)
        {
            var due = _scheduled.Query()
                .Where(DueAndUnclaimed, nowMs)
                .OrderBy("dueAt")
                .Limit(max)
                .ToList();
            foreach (var document in due)
            {
                document["claimedUntil"] = (now + lease).ToUnixTimeMilliseconds();
                _scheduled.Update(document);
            }

            return Task.FromResult<IReadOnlyList<ScheduledDelivery>>(due.Select(d => new ScheduledDelivery(
                d["_id"].AsString,
                DateTimeOffset.FromUnixTimeMilliseconds(d["dueAt"].AsInt64),
                Enum.Parse<ScheduledKind>(d["kind"].AsString),
                d["payload"].AsString,
                d["reason"].AsString,
                d["traceParent"].IsString ? d["traceParent"].AsString : null,
                d["recipient"].IsString ? d["recipient"].AsString : null)).ToList());
        }
    }

    public Task RemoveAsync(string id, CancellationToken cancellationToken)
    {
        _scheduled.Delete(id);
        return Task.CompletedTask;
    }

    public Task<int> RemoveRecipientAsync(string recipient, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_scheduled.DeleteMany(Query.EQ("recipient", recipient)));
        }
    }

    public Task<long> CountAsync(CancellationToken cancellationToken) => Task.FromResult(_scheduled.LongCount());
}
