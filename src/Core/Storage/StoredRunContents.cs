namespace Serverless.Core.Storage;

/// <summary>A run's contents as its blobs hold them: the input chunks the starter wrote and the part each batch wrote.</summary>
public sealed class StoredRunContents(RunItemStore items, string container, string runId) : IRunContents
{
    public Task<List<TItem>> ReadInputAsync<TItem>(CancellationToken cancellationToken) =>
        items.ReadInputAsync<TItem>(container, runId, cancellationToken).ToListAsync(cancellationToken).AsTask();

    public IAsyncEnumerable<TOutcome> ReadOutcomesAsync<TOutcome>(CancellationToken cancellationToken) =>
        items.ReadPartsAsync<TOutcome>(container, runId, cancellationToken);
}
