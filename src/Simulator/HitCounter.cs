using System.Collections.Concurrent;

namespace Serverless.Simulator;

/// <summary>
/// How many 200s each id received, which is how a benchmark proves "every user fetched exactly once".
/// A flat array keeps the hot path to one Interlocked increment for the default million users;
/// very large id spaces fall back to a dictionary so memory follows what was actually served.
/// </summary>
internal sealed class HitCounter
{
    private const int MaxArrayIds = 16 * 1024 * 1024;

    private readonly int[]? _array;
    private readonly ConcurrentDictionary<int, int>? _dictionary;
    private long _distinct;
    private long _duplicates;

    public HitCounter(int userCount)
    {
        if (userCount <= MaxArrayIds)
        {
            _array = new int[userCount + 1];
        }
        else
        {
            _dictionary = new ConcurrentDictionary<int, int>();
        }
    }

    public long Distinct => Interlocked.Read(ref _distinct);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public void Record(int id)
    {
        var hits = _array is not null
            ? Interlocked.Increment(ref _array[id])
            : _dictionary!.AddOrUpdate(id, 1, static (_, n) => n + 1);
        if (hits == 1)
        {
            Interlocked.Increment(ref _distinct);
        }
        else
        {
            Interlocked.Increment(ref _duplicates);
        }
    }

    public int HitsFor(int id)
    {
        if (_array is not null)
        {
            return (uint)id < (uint)_array.Length ? Volatile.Read(ref _array[id]) : 0;
        }

        return _dictionary!.TryGetValue(id, out var n) ? n : 0;
    }

    /// <summary>Non-zero counts only; copying is the price of a snapshot that later traffic cannot change.</summary>
    public IReadOnlyDictionary<int, int> Copy()
    {
        if (_dictionary is not null)
        {
            return new Dictionary<int, int>(_dictionary);
        }

        var copy = new Dictionary<int, int>();
        var array = _array!;
        for (var id = 1; id < array.Length; id++)
        {
            var n = Volatile.Read(ref array[id]);
            if (n != 0)
            {
                copy[id] = n;
            }
        }

        return copy;
    }

    /// <summary>Meant for quiet moments between runs; requests finishing during a reset may be counted or not.</summary>
    public void Reset()
    {
        if (_array is not null)
        {
            Array.Clear(_array);
        }
        else
        {
            _dictionary!.Clear();
        }

        Interlocked.Exchange(ref _distinct, 0);
        Interlocked.Exchange(ref _duplicates, 0);
    }
}
