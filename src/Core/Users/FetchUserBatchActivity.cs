using Microsoft.DurableTask;
using Serverless.Core.Runs.FanOut;
using Serverless.Core.Storage;

namespace Serverless.Core.Users;

/// <summary>
/// Fetches one batch of users, at most <see cref="WorkBatch{TItem}.Concurrency"/> at once, writes their outcomes to the batch's
/// part blob (or, for a run of one batch, the run's results) and returns the counts. Never throws for a user-level failure: it
/// records it, so the run can list it. A ban (403) stops the batch at once: the calls in flight are cut short, and the users
/// without an outcome (the banned one included) go back to the run, which tries them again after its pause. A cancel of the run
/// (<see cref="RunCancelWatch"/>, asked before each user) stops it too, more gently: the calls in flight finish, no other starts,
/// and the users not called are left without an outcome, which the run's results list as not attempted.
/// </summary>
public sealed class FetchUserBatchActivity(UserApiClient client, BatchOutcomeWriter writer, RunCancelFlag cancelFlag, TimeProvider time)
    : TaskActivity<WorkBatch<int>, BatchReport>
{
    public override async Task<BatchReport> RunAsync(TaskActivityContext context, WorkBatch<int> input)
    {
        var cancel = new RunCancelWatch(cancelFlag, input.ResultsContainer, input.RunId, time);
        // Both reads at once: a batch scheduled just before a cancel reached the run calls no one.
        Task<string?> cancelledFirst = cancel.CheckAsync();
        if (await writer.IsRunFinishedAsync(input)) return BatchOutcomeWriter.Nothing;
        await cancelledFirst;
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
                    if (await cancel.CheckAsync(token) is not null)
                    {
                        return;
                    }

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
        if (!ban.IsCancellationRequested && cancel.Reason is null)
        {
            return await writer.WriteAsync(input, done, counts);
        }

        // Not the run's last word, even for a run of one batch: the run fans its parts in, listing the users without an outcome
        // (tried again after a ban, or not attempted after a cancel).
        BatchReport written = await writer.WriteAsync(input with { SoleBatch = null }, done, counts);
        if (cancel.Reason is { } reason)
        {
            written = written with { CancelledBecause = reason };
        }

        if (!ban.IsCancellationRequested)
        {
            return written;
        }

        int[] notDone = [.. Enumerable.Range(0, ids.Count).Where(i => outcomes[i] is null or { Banned: true })];
        TimeSpan? retryAfter = outcomes.Where(o => o is { Banned: true }).Max(o => o!.BanRetryAfter);
        return written with { Ban = new BatchBan(retryAfter, notDone) };
    }
}
