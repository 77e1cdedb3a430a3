using ProactiveSuite.Dispatcher.Progress;

namespace ProactiveSuite.Dispatcher.Copies;

/// <summary>What a delivered copy still needs so that it shows what its notification now says.</summary>
public abstract record CopyChange
{
    private CopyChange()
    {
    }

    /// <summary>Nothing: it is as it should be, or the channel refused the change for good.</summary>
    public sealed record None : CopyChange;

    /// <summary>Delete it: the notification was recalled.</summary>
    public sealed record Delete : CopyChange;

    /// <summary>Replace it with <see cref="Content"/>: the notification was edited.</summary>
    public sealed record Update(NotificationEdit Content) : CopyChange;
}
