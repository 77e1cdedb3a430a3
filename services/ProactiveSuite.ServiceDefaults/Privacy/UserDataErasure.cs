using ProactiveSuite.Contracts.Privacy;

namespace ProactiveSuite.ServiceDefaults.Privacy;

/// <summary>Runs every eraser of this process for one user.</summary>
public sealed class UserDataErasure(IEnumerable<IUserDataEraser> erasers)
{
    public async Task<IReadOnlyList<ErasedUserData>> EraseAsync(UserKey user, CancellationToken cancellationToken)
    {
        var erased = new List<ErasedUserData>();
        foreach (var eraser in erasers)
        {
            erased.Add(new ErasedUserData(eraser.Store, await eraser.EraseAsync(user, cancellationToken)));
        }

        return erased;
    }
}
