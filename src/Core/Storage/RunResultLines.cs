using System.Text.Json;

namespace Serverless.Core.Storage;

/// <summary>
/// The merge every kind shares, over its own item and outcome types: the first outcome per item counts, a success goes to the
/// succeeded file and anything else to the failed one, and an input item with no outcome is failed with the reason it has none.
/// A kind says only how its outcomes map to lines.
/// </summary>
public abstract class RunResultLines<TItem, TOutcome> : IRunResultLines
    where TItem : notnull
{
    public abstract string Kind { get; }

    /// <summary>The item an outcome is for, as the run's input lists it.</summary>
    protected abstract TItem Key(TOutcome outcome);

    /// <summary>The succeeded line, or null when the outcome is a failure.</summary>
    protected abstract string? SucceededLine(TOutcome outcome);

    protected abstract string FailedLine(TOutcome outcome);

    /// <summary>The failed line for an input item no batch reported on.</summary>
    protected abstract string MissingLine(TItem item, string reason);

    /// <summary>A kind whose run also writes a corpus file builds it from the first successful outcomes; null for none.</summary>
    protected virtual ICorpusBuilder<TOutcome>? NewCorpus() => null;

    public async Task<MergedParts> MergeAsync(
        IRunContents contents,
        string missingReason,
        StagedTextBlob succeeded,
        StagedTextBlob failed,
        CancellationToken cancellationToken)
    {
        ICorpusBuilder<TOutcome>? corpus = NewCorpus();
        // The input is read while the outcomes are: the same blob round trips in the time of half of them.
        Task<List<TItem>> input = contents.ReadInputAsync<TItem>(cancellationToken);
        var seen = new HashSet<TItem>();
        int ok = 0, bad = 0, missing = 0;
        await foreach (TOutcome outcome in contents.ReadOutcomesAsync<TOutcome>(cancellationToken))
        {
            if (!seen.Add(Key(outcome)))
            {
                continue;
            }

            if (SucceededLine(outcome) is { } line)
            {
                ok++;
                corpus?.Add(outcome);
                await succeeded.AppendLineAsync(line, cancellationToken);
            }
            else
            {
                bad++;
                await failed.AppendLineAsync(FailedLine(outcome), cancellationToken);
            }
        }

        foreach (TItem item in await input)
        {
            if (!seen.Contains(item))
            {
                missing++;
                await failed.AppendLineAsync(MissingLine(item, missingReason), cancellationToken);
            }
        }

        return new MergedParts(ok, bad, missing, corpus?.ToJson());
    }

    /// <summary>One NDJSON line.</summary>
    protected static string Line<T>(T value) => JsonSerializer.Serialize(value, BlobResultStore.Json);
}

/// <summary>Collects a run's successful outcomes into its corpus file.</summary>
public interface ICorpusBuilder<in TOutcome>
{
    void Add(TOutcome outcome);

    string ToJson();
}
