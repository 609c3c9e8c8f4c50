namespace Serverless.Simulator;

/// <summary>
/// Exact in-flight accounting for admitted requests. A compare-and-swap admission (rather than
/// increment-then-undo) means a rejected request never holds a slot even transiently, so a request
/// racing with a rejection is never refused spuriously and the peak is the true peak of admitted work.
/// </summary>
internal sealed class ConcurrencyGate(int limit)
{
    private int _limit = limit;
    private int _inFlight;
    private int _peak;

    public int Limit => Volatile.Read(ref _limit);

    public int InFlight => Volatile.Read(ref _inFlight);

    public int Peak => Volatile.Read(ref _peak);

    /// <summary>
    /// Lowering the limit below the current in-flight count does not evict anyone; new arrivals are refused until enough finish, as a real
    /// server would behave.
    /// </summary>
    public void SetLimit(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        Volatile.Write(ref _limit, limit);
    }

    public bool TryEnter()
    {
        while (true)
        {
            var current = Volatile.Read(ref _inFlight);
            var limit = Volatile.Read(ref _limit);
            if (limit > 0 && current >= limit)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _inFlight, current + 1, current) == current)
            {
                RaisePeak(current + 1);
                return true;
            }
        }
    }

    public void Exit() => Interlocked.Decrement(ref _inFlight);

    /// <summary>After a reset the peak restarts from what is in flight now, since those requests are still being served.</summary>
    public void ResetPeak() => Volatile.Write(ref _peak, InFlight);

    private void RaisePeak(int candidate)
    {
        var seen = Volatile.Read(ref _peak);
        while (candidate > seen)
        {
            var previous = Interlocked.CompareExchange(ref _peak, candidate, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
