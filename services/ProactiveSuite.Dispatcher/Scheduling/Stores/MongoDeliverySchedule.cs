using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;

namespace ProactiveSuite.Dispatcher.Scheduling.Stores;

/// <summary>
/// The schedule in MongoDB. Each due item is claimed with its own findOneAndUpdate, so Dispatcher
/// replicas polling together never hand the same item over twice within a lease.
/// </summary>
internal sealed class MongoDeliverySchedule : IDeliverySchedule
{
    private readonly IMongoCollection<ScheduledDocument> _scheduled;
    private readonly Lazy<Task> _indexes;

    public MongoDeliverySchedule(IMongoDatabase database)
    {
        _scheduled = database.GetCollection<ScheduledDocument>("scheduledDeliveries");
        _indexes = new Lazy<Task>(() => _scheduled.Indexes.CreateManyAsync(
        [
            new CreateIndexModel<ScheduledDocument>(Builders<ScheduledDocument>.IndexKeys.Ascending(d => d.DueAt).Ascending(d => d.ClaimedUntil)),
            new CreateIndexModel<ScheduledDocument>(Builders<ScheduledDocument>.IndexKeys.Ascending(d => d.Recipient)),
        ]));
    }

    public async Task AddAsync(ScheduledDelivery delivery, CancellationToken cancellationToken)
    {
        await _indexes.Value;
        await _scheduled.InsertOneAsync(
            new ScheduledDocument { Id = delivery.Id, DueAt = delivery.DueAt.UtcDateTime, ClaimedUntil = DateTime.UnixEpoch, Kind = delivery.Kind, Payload = delivery.Payload, Reason = delivery.Reason, TraceParent = delivery.TraceParent, Recipient = delivery.Recipient },
            cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyList<ScheduledDelivery>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        await _indexes.Value;
        var filter = Builders<ScheduledDocument>.Filter.Lte(d => d.DueAt, now.UtcDateTime) & Builders<ScheduledDocument>.Filter.Lte(d => d.ClaimedUntil, now.UtcDateTime);
        var claim = Builders<ScheduledDocument>.Update.Set(d => d.ClaimedUntil, (now + lease).UtcDateTime);
        var options = new FindOneAndUpdateOptions<ScheduledDocument> { Sort = Builders<ScheduledDocument>.Sort.Ascending(d => d.DueAt) };
        var claimed = new List<ScheduledDelivery>();
        while (claimed.Count < max && await _scheduled.FindOneAndUpdateAsync(filter, claim, options, cancellationToken) is { } document)
        {
            claimed.Add(new ScheduledDelivery(document.Id, new DateTimeOffset(document.DueAt, TimeSpan.Zero), document.Kind, document.Payload, document.Reason, document.TraceParent, document.Recipient));
        }

        return claimed;
    }

    public Task RemoveAsync(string id, CancellationToken cancellationToken) =>
        _scheduled.DeleteOneAsync(d => d.Id == id, cancellationToken);

    public async Task<int> RemoveRecipientAsync(string recipient, CancellationToken cancellationToken)
    {
        await _indexes.Value;
        return (int)(await _scheduled.DeleteManyAsync(d => d.Recipient == recipient, cancellationToken)).DeletedCount;
    }

    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        _scheduled.CountDocumentsAsync(Builders<ScheduledDocument>.Filter.Empty, cancellationToken: cancellationToken);

    internal sealed class ScheduledDocument
    {
        [BsonId]
        public string Id { get; set; } = "";

        [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
        public DateTime DueAt { get; set; }

        [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
        public DateTime ClaimedUntil { get; set; }

        [BsonRepresentation(MongoDB.Bson.BsonType.String)]
        public ScheduledKind Kind { get; set; }

        public string Payload { get; set; } = "";

        public string Reason { get; set; } = "";

        public string? TraceParent { get; set; }

        public string? Recipient { get; set; }
    }
}
