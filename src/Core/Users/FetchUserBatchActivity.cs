using Microsoft.DurableTask;
using Serverless.Core.Runs.FanOut;
using Serverless.Core.Storage;

namespace Serverless.Core.Users;

/// <summary>
/// Fetches one batch of users, at most <see cref="WorkBatch{TItem}.Concurrency"/> at once, writes their outcomes to the batch's
/// part blob (or, for a run of one batch, the run's results) and returns the counts. Never throws for a user-level failure: it
/// records it, so the run can list it. A ban (403) stops the batch at once: the calls in flight are cut short, and the users
/// without an outcome (the banned one included) go back to the run, which tries them again after its pause.
/// </summary>
public sealed class FetchUserBatchActivity(UserApiClient client, BatchOutcomeWriter writer) : TaskActivity<WorkBatch<int>, BatchReport>
{
    public override async Task<BatchReport> RunAsync(TaskActivityContext context, WorkBatch<int> input)
    {
        if (await writer.IsRunFinishedAsync(input)) return BatchOutcomeWriter.Nothing;
        IReadOnlyList<int> ids = input.Items;
        var outcomes = new UserFetchOutcome?[ids.Count];
        using var ban = new CancellationTokenSource();
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, ids.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, input.Concurrency), CancellationToken = ban.Token },
                async (i, token) =>
                {
                    UserFetchOutcome outcome = await client.FetchAsync(ids[i], input.UserApi, token);
                    if (outcome.Banned)
                    {
                        outcomes[i] = outcome;
                        await ban.CancelAsync();
                    }
                    else if (outcome.Succeeded || !token.IsCancellationRequested)
                    {
                        // A failure that ends as the ban cuts it short may be the cut itself: it is tried again instead.
                        outcomes[i] = outcome;
                    }
                });
        }
        catch (OperationCanceledException) when (ban.IsCancellationRequested)
        {
            // The ban cut the batch short; what has no outcome goes back to the run.
        }

        UserFetchOutcome[] done = [.. outcomes.OfType<UserFetchOutcome>().Where(o => !o.Banned)];
        var counts = new BatchReport(done.Count(o => o.Succeeded), done.Count(o => !o.Succeeded), done.Count(o => o.Throttled));
        if (!ban.IsCancellationRequested)
        {
            return await writer.WriteAsync(input, done, counts);
        }

        int[] notDone = [.. Enumerable.Range(0, ids.Count).Where(i => outcomes[i] is null or { Banned: true })];
        TimeSpan? retryAfter = outcomes.Where(o => o is { Banned: true }).Max(o => o!.BanRetryAfter);
        // Not the run's last word, even for a run of one batch: its part is fanned in with those of the users tried again.
        BatchReport written = await writer.WriteAsync(input with { SoleBatch = null }, done, counts);
        return written with { Ban = new BatchBan(retryAfter, notDone) };
    }
}
