using Microsoft.DurableTask;
using Serverless.Core.Runs.FanOut;
using Serverless.Core.Storage;

namespace Serverless.Core.Users;

/// <summary>
/// Fetches one batch of users, at most <see cref="WorkBatch{TItem}.Concurrency"/> at once, writes their outcomes to the batch's
/// part blob (or, for a run of one batch, the run's results) and returns the counts. Never throws for a user-level failure: it
/// records it, so the run can list it.
/// </summary>
public sealed class FetchUserBatchActivity(UserApiClient client, BatchOutcomeWriter writer) : TaskActivity<WorkBatch<int>, BatchReport>
{
    public override async Task<BatchReport> RunAsync(TaskActivityContext context, WorkBatch<int> input)
    {
        if (await writer.IsRunFinishedAsync(input)) return BatchOutcomeWriter.Nothing;
        IReadOnlyList<int> ids = input.Items;
        var outcomes = new UserFetchOutcome[ids.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ids.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, input.Concurrency) },
            async (i, token) => outcomes[i] = await client.FetchAsync(ids[i], token));
        var counts = new BatchReport(outcomes.Count(o => o.Succeeded), outcomes.Count(o => !o.Succeeded), outcomes.Count(o => o.Throttled));
        return await writer.WriteAsync(input, outcomes, counts);
    }
}
