namespace Serverless.Core.Terminology;

/// <summary>
/// Splits texts sorted by length into model calls at the least total cost, where a call costs its padded word pieces
/// plus a fixed price. The fixed price is real: every call streams all of the model's weights (about 90 MB) through
/// memory whatever its input, about as long as computing 14 word pieces on this project's machines, so a handful of
/// short candidate phrases is cheaper padded into one call than split into several.
/// </summary>
public static class EmbeddingBatches
{
    /// <summary>What one extra model call costs, in word pieces of work (measured: 4 ms a call against 0.28 ms a piece).</summary>
    public const int CallCostInPieces = 14;

    /// <summary>
    /// The ends (exclusive) of consecutive batches over <paramref name="sortedLengths"/> (ascending) that minimise
    /// calls × <see cref="CallCostInPieces"/> + the padded pieces of every batch, with at most <paramref name="maxBatch"/>
    /// texts a batch. Depends only on the lengths, so the same texts always meet the same shapes.
    /// </summary>
    public static int[] Plan(IReadOnlyList<int> sortedLengths, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(sortedLengths);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        var count = sortedLengths.Count;
        var best = new long[count + 1];
        var start = new int[count + 1];
        for (var end = 1; end <= count; end++)
        {
            best[end] = long.MaxValue;
            for (var first = Math.Max(0, end - maxBatch); first < end; first++)
            {
                // Sorted ascending, so the batch pads every text to its last one's length.
                var cost = best[first] + CallCostInPieces + ((long)(end - first) * sortedLengths[end - 1]);
                if (cost < best[end])
                {
                    best[end] = cost;
                    start[end] = first;
                }
            }
        }

        var ends = new Stack<int>();
        for (var end = count; end > 0; end = start[end])
        {
            ends.Push(end);
        }

        return [.. ends];
    }
}
