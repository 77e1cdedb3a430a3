namespace ProactiveSuite.ServiceDefaults.Storage;

/// <summary>
/// The service that owns a store: each service writes only its own database (a MongoDB database or an
/// embedded file of its own), even when the three run in one process; services share data over the bus.
/// </summary>
public sealed record StoreOwner(string Name)
{
    public static readonly StoreOwner Gateway = new("gateway");
    public static readonly StoreOwner Registry = new("registry");
    public static readonly StoreOwner Dispatcher = new("dispatcher");

    public override string ToString() => Name;
}
