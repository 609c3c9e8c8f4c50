using Microsoft.DurableTask;

namespace Serverless.Core.Runs;

/// <summary>
/// Fan-out with at most <c>window</c> activities in flight, refilled as each completes, and fan-in of every outcome.
/// Runs inside an orchestrator, so it is replayed: it only awaits durable tasks and keeps no other state.
/// An activity that crashes (rather than returning its failure) becomes a failure outcome, so no item is lost.
/// </summary>
public static class SlidingWindow
{
    public static async Task<List<TResult>> RunAsync<TItem, TResult>(
        IReadOnlyList<TItem> items,
        int window,
        Func<TItem, Task<TResult>> start,
        Func<TItem, TaskFailedException, TResult> crashed,
        Action<TResult, int> completed)
    {
        var results = new List<TResult>(items.Count);
        var inFlight = new Dictionary<Task<TResult>, TItem>();
        int next = 0;
        while (next < items.Count || inFlight.Count > 0)
        {
            while (inFlight.Count < Math.Max(1, window) && next < items.Count)
            {
                TItem item = items[next++];
                inFlight.Add(start(item), item);
            }

            Task<TResult> done = await Task.WhenAny(inFlight.Keys);
            TItem doneItem = inFlight[done];
            inFlight.Remove(done);
            TResult result;
            try
            {
                result = await done;
            }
            catch (TaskFailedException e)
            {
                result = crashed(doneItem, e);
            }

            results.Add(result);
            completed(result, inFlight.Count);
        }

        return results;
    }
}
