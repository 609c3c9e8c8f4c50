namespace Serverless.Core.Storage;

/// <summary>
/// What a run's results are merged from: its input items and its batches' outcomes, each of the run kind's own type. Usually the
/// run's blobs; for a run of one batch, that batch's outcomes still in its activity's memory.
/// </summary>
public interface IRunContents
{
    Task<List<TItem>> ReadInputAsync<TItem>(CancellationToken cancellationToken);

    /// <summary>Every outcome, in chunk and batch order; an item may have more than one (a batch that ran twice).</summary>
    IAsyncEnumerable<TOutcome> ReadOutcomesAsync<TOutcome>(CancellationToken cancellationToken);
}
