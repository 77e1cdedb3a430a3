namespace ProactiveSuite.Dispatcher.Pacing;

/// <summary>How every connector call (a send, a copy's delete or update) takes its slot from the pacer.</summary>
public static class SlotTaking
{
    /// <summary>
    /// Waits in place for a near slot and returns it; a slot further than <paramref name="maxInlineWait"/> is
    /// returned as the time to put the call off until, for the schedule.
    /// </summary>
    public static async Task<(DateTimeOffset? PutOffUntil, PacingReservation? Slot)> TakeSlotAsync(
        this DeliveryPacer pacer, string conversationKey, string tenantKey, TimeSpan maxInlineWait, TimeProvider clock, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = clock.GetUtcNow();
            switch (pacer.Reserve(conversationKey, tenantKey))
            {
                case PacingDecision.SendAt slot:
                    if (slot.At > now)
                    {
                        try
                        {
                            await SlotWait.UntilAsync(slot.At, clock, cancellationToken);
                        }
                        catch (OperationCanceledException) when (slot.Reservation is not null)
                        {
                            pacer.Release(slot.Reservation);
                            throw;
                        }
                    }

                    return (null, slot.Reservation);
                case PacingDecision.NotBefore later when later.At - now <= maxInlineWait:
                    await WaitAsync(later.At - now, later.Sooner, clock, cancellationToken);
                    break;
                case PacingDecision.NotBefore later:
                    return (later.At, null);
            }
        }
    }

    /// <summary>Waits <paramref name="delay"/>, or less if <paramref name="sooner"/> completes first.</summary>
    private static async Task WaitAsync(TimeSpan delay, Task? sooner, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (sooner is null)
        {
            await Task.Delay(delay, clock, cancellationToken);
            return;
        }

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(Task.Delay(delay, clock, waiting.Token), sooner);
        await waiting.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
