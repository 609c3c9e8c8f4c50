using Microsoft.DurableTask;

namespace Serverless.Core.Runs;

/// <summary>
/// Fan-out for runs too large for one orchestration history: items are cut into chunks, each chunk runs as a
/// sub-orchestration with its own sliding window, and up to <see cref="MaxLanes"/> chunks run side by side.
/// The run's cap is split between the lanes once, so the activities in flight never exceed it in total.
/// Every replay of an orchestration re-reads its whole history, so keeping histories short is what keeps a
/// 500-article or 100,000-user run from spending its CPU on replays.
/// A run no larger than one chunk skips the sub-orchestration and runs its window directly.
/// </summary>
public static class ChunkedFanOut
{
    public const int MaxLanes = 4;

    public static async Task<List<TResult>> RunAsync<TItem, TResult>(
        IReadOnlyList<TItem> items,
        int window,
        int chunkSize,
        Func<IReadOnlyList<TItem>, int, Task<List<TResult>>> runDirectly,
        Func<int, IReadOnlyList<TItem>, int, Task<List<TResult>>> runChunk,
        Func<TItem, TaskFailedException, TResult> crashed,
        Action<IReadOnlyList<TResult>, int> chunkCompleted)
    {
        window = Math.Max(1, window);
        chunkSize = Math.Max(1, chunkSize);
        if (items.Count <= chunkSize)
        {
            return await runDirectly(items, window);
        }

        List<TItem[]> chunks = items.Chunk(chunkSize).ToList();
        int lanes = Math.Min(Math.Min(MaxLanes, window), chunks.Count);
        var results = new List<TResult>(items.Count);
        int inFlight = 0;

        async Task Lane(int lane)
        {
            int share = window / lanes + (lane < window % lanes ? 1 : 0);
            for (int index = lane; index < chunks.Count; index += lanes)
            {
                inFlight += share;
                List<TResult> chunkResults;
                try
                {
                    chunkResults = await runChunk(index, chunks[index], share);
                }
                catch (TaskFailedException e)
                {
                    chunkResults = chunks[index].Select(item => crashed(item, e)).ToList();
                }

                inFlight -= share;
                results.AddRange(chunkResults);
                chunkCompleted(chunkResults, inFlight);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, lanes).Select(Lane));
        return results;
    }

    /// <summary>Deterministic, readable sub-orchestration ids: a re-run chunk keeps its id.</summary>
    public static SubOrchestrationOptions ChunkOptions(string parentId, int index) => new() { InstanceId = $"{parentId}-chunk-{index:D5}" };
}
