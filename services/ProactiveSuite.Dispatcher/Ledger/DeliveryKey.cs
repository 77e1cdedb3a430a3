using System.Globalization;

namespace ProactiveSuite.Dispatcher.Ledger;

/// <summary>One notification for one recipient: the unit of idempotency.</summary>
public readonly record struct DeliveryKey(string NotificationId, string ChannelId, string UserId)
{
    /// <summary>
    /// One string for the store. The notification id is length-prefixed because publishers choose it
    /// freely: no separator could be kept out of it.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Value => string.Create(CultureInfo.InvariantCulture, $"{NotificationId.Length}:{NotificationId}|{ChannelId.ToLowerInvariant()}|{UserId}");

    public override string ToString() => Value;
}
