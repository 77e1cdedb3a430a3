namespace ProactiveSuite.Tests.Stores;

/// <summary>
/// The base of every store suite: the same tests run on each adapter (a subclass per adapter), and an
/// adapter that cannot run here is skipped with its reason.
/// </summary>
public abstract class StoreContract(StoreUnderTest store) : IAsyncLifetime
{
    protected StoreUnderTest Store { get; } = store;

    public virtual ValueTask InitializeAsync()
    {
        Assert.SkipWhen(Store.NotRunReason is not null, Store.NotRunReason ?? "");
        TestContext.Current.TestOutputHelper?.WriteLine(Store.Backend);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
