using Serverless.Core.Runs;
using Serverless.Core.Runs.FanOut;

namespace Serverless.Core.Storage;

/// <summary>
/// Where a batch activity puts its outcomes: the batch's part blob, or, for the batch that is a whole run and within the run's
/// failure tolerance, the run's result files and manifest (see <see cref="SoleBatchResults"/>). Nothing at all once the run has
/// finished (<see cref="FinishedRunGuard"/>): the activities ask <see cref="IsRunFinishedAsync{TItem}"/> before any work, and the
/// part is not written if the run finished while the batch worked.
/// </summary>
public sealed class BatchOutcomeWriter(RunItemStore items, RunResultsWriter results, FinishedRunGuard finished, TimeProvider time)
{
    /// <summary>Never used for a run of one batch: each of its items has an outcome in hand.</summary>
    const string NoOutcome = "no outcome recorded";

    /// <summary>What a batch of a finished run reports: it did nothing.</summary>
    public static readonly BatchReport Nothing = new(0, 0, 0);

    /// <summary>
    /// Whether the batch's run has finished, so the batch must do nothing: a stale copy of the batch (its message came back after
    /// the run ended) calls no API, analyses nothing and writes nothing.
    /// </summary>
    public Task<bool> IsRunFinishedAsync<TItem>(WorkBatch<TItem> batch, CancellationToken cancellationToken = default) =>
        finished.IsFinishedAsync(batch.ResultsContainer, batch.RunId, cancellationToken);

    public async Task<BatchReport> WriteAsync<TItem, TOutcome>(
        WorkBatch<TItem> batch, IReadOnlyList<TOutcome> outcomes, BatchReport counts, CancellationToken cancellationToken = default)
    {
        if (batch.SoleBatch is { } sole && counts.Failed <= sole.AllowedFailures)
        {
            DateTime completedAt = time.GetUtcNow().UtcDateTime;
            RunManifest draft = sole.Draft with { CompletedAt = completedAt, DurationSeconds = (completedAt - sole.Draft.StartedAt).TotalSeconds };
            var contents = new BatchContents<TItem, TOutcome>(batch.Items, outcomes);
            return counts with { Results = await results.WriteAsync(draft, NoOutcome, contents, cancellationToken) };
        }

        if (await IsRunFinishedAsync(batch, cancellationToken))
        {
            return Nothing;
        }

        await items.WritePartAsync(batch.ResultsContainer, batch.RunId, batch.Chunk, batch.Batch, outcomes, cancellationToken);
        return counts;
    }
}
