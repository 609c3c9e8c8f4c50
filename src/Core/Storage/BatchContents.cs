namespace Serverless.Core.Storage;

/// <summary>
/// The contents of a run that is one batch, as its activity holds them: the batch's items are the run's input, its outcomes all
/// the run has. Read as the types they were made with; anything else is a programming error.
/// </summary>
public sealed class BatchContents<TItem, TOutcome>(IReadOnlyList<TItem> items, IReadOnlyList<TOutcome> outcomes) : IRunContents
{
    public Task<List<T>> ReadInputAsync<T>(CancellationToken cancellationToken) =>
        Task.FromResult(As<IReadOnlyList<T>>(items).ToList());

    public IAsyncEnumerable<T> ReadOutcomesAsync<T>(CancellationToken cancellationToken) =>
        As<IReadOnlyList<T>>(outcomes).ToAsyncEnumerable();

    static T As<T>(object value) => value is T typed
        ? typed
        : throw new InvalidOperationException($"A batch of {typeof(TItem).Name} with {typeof(TOutcome).Name} outcomes read as {typeof(T).Name}.");
}
