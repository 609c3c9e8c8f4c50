using Serverless.Core.Runs;
using Serverless.Core.Runs.FanOut;

namespace Serverless.Core.Storage;

/// <summary>
/// Where a batch activity puts its outcomes: the batch's part blob, or, for the batch that is a whole run and within the run's
/// failure tolerance, the run's result files and manifest (see <see cref="SoleBatchResults"/>).
/// </summary>
public sealed class BatchOutcomeWriter(RunItemStore items, RunResultsWriter results, TimeProvider time)
{
    /// <summary>Never used for a run of one batch: each of its items has an outcome in hand.</summary>
    const string NoOutcome = "no outcome recorded";

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

        await items.WritePartAsync(batch.ResultsContainer, batch.RunId, batch.Chunk, batch.Batch, outcomes, cancellationToken);
        return counts;
    }
}
