using System.Diagnostics;

namespace Serverless.Simulator;

/// <summary>
/// Decides when the (single) client has been pushing through 429s for long enough to be blocked.
/// The simulator bans globally rather than per remote address: on loopback every caller shares
/// 127.0.0.1, and the thing being modelled is "our function app" as one API consumer.
/// The sliding window is kept in fixed buckets, so memory and work per 429 stay constant at any request rate;
/// the price is that the window edge is accurate to one bucket (window / <see cref="BucketCount"/>).
/// </summary>
internal sealed class BanTracker
{
    private const int BucketCount = 50;

    private readonly Lock _lock = new();
    private readonly long _bucketTicks;
    private readonly long _cooldownTicks;
    private readonly int _minRequests;
    private readonly double _rejectRatio;
    private readonly long[] _bucketIndex = new long[BucketCount];
    private readonly int[] _total = new int[BucketCount];
    private readonly int[] _rejected = new int[BucketCount];
    private long _bannedUntil = long.MinValue;

    public BanTracker(TimeSpan window, int minRequests, double rejectRatio, TimeSpan cooldown)
    {
        _bucketTicks = Math.Max(1, ToStopwatchTicks(window) / BucketCount);
        _cooldownTicks = ToStopwatchTicks(cooldown);
        _minRequests = minRequests;
        _rejectRatio = rejectRatio;
        Array.Fill(_bucketIndex, long.MinValue);
    }

    /// <summary>Lock-free on the hot path: most requests only need this read.</summary>
    public bool IsBanned(long now, out TimeSpan remaining)
    {
        var until = Volatile.Read(ref _bannedUntil);
        if (now < until)
        {
            remaining = Stopwatch.GetElapsedTime(now, until);
            return true;
        }

        remaining = TimeSpan.Zero;
        return false;
    }

    /// <summary>Records one request that reached the concurrency check; returns true when this rejection starts a ban.</summary>
    public bool Record(long now, bool rejected)
    {
        var index = now / _bucketTicks;
        var slot = (int)(index % BucketCount);
        lock (_lock)
        {
            if (_bucketIndex[slot] != index)
            {
                _bucketIndex[slot] = index;
                _total[slot] = 0;
                _rejected[slot] = 0;
            }

            _total[slot]++;
            if (!rejected)
            {
                return false;
            }

            _rejected[slot]++;
            long total = 0, rejectedCount = 0;
            for (var i = 0; i < BucketCount; i++)
            {
                if (_bucketIndex[i] > index - BucketCount)
                {
                    total += _total[i];
                    rejectedCount += _rejected[i];
                }
            }

            if (total < _minRequests || rejectedCount < _rejectRatio * total)
            {
                return false;
            }

            // Forget the offending window so the client starts clean when the cooldown ends,
            // instead of being re-banned by stale evidence if the cooldown is shorter than the window.
            ClearWindow();
            Volatile.Write(ref _bannedUntil, now + _cooldownTicks);
            return true;
        }
    }

    /// <summary>Bans from <paramref name="now"/> for the cooldown, whatever the window holds.</summary>
    public void Impose(long now)
    {
        lock (_lock)
        {
            ClearWindow();
            Volatile.Write(ref _bannedUntil, now + _cooldownTicks);
        }
    }

    public void Lift()
    {
        lock (_lock)
        {
            ClearWindow();
            Volatile.Write(ref _bannedUntil, long.MinValue);
        }
    }

    private void ClearWindow()
    {
        Array.Fill(_bucketIndex, long.MinValue);
        Array.Clear(_total);
        Array.Clear(_rejected);
    }

    private static long ToStopwatchTicks(TimeSpan span) =>
        (long)(span.TotalSeconds * Stopwatch.Frequency);
}
