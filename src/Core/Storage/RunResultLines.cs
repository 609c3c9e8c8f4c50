using System.Text.Json;

namespace Serverless.Core.Storage;

/// <summary>
/// The merge every kind shares, over its own outcome type: the first outcome per item counts, a success goes to the
/// succeeded file and anything else to the failed one. A kind says only how its outcomes map to lines.
/// </summary>
public abstract class RunResultLines<TOutcome> : IRunResultLines
{
    public abstract string Kind { get; }

    /// <summary>The item an outcome is for, as the run's input lists it.</summary>
    protected abstract string Key(TOutcome outcome);

    /// <summary>The succeeded line, or null when the outcome is a failure.</summary>
    protected abstract string? SucceededLine(TOutcome outcome);

    protected abstract string FailedLine(TOutcome outcome);

    public abstract string MissingLine(string item, string reason);

    /// <summary>A kind whose run also writes a corpus file builds it from the first successful outcomes; null for none.</summary>
    protected virtual ICorpusBuilder<TOutcome>? NewCorpus() => null;

    public async Task<MergedParts> MergePartsAsync(
        RunItemStore items, string container, string runId, HashSet<string> seen, StagedTextBlob succeeded, StagedTextBlob failed, CancellationToken cancellationToken)
    {
        ICorpusBuilder<TOutcome>? corpus = NewCorpus();
        int ok = 0, bad = 0;
        await foreach (TOutcome outcome in items.ReadPartsAsync<TOutcome>(container, runId, cancellationToken))
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

        return new MergedParts(ok, bad, corpus?.ToJson());
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
