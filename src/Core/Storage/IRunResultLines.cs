namespace Serverless.Core.Storage;

/// <summary>
/// How one kind of run turns its batch outcomes into result lines. <see cref="RunResultsWriter"/> picks the one for the
/// run's kind and writes what it is given, knowing no kind itself.
/// </summary>
public interface IRunResultLines
{
    /// <summary>The run kind (see <c>RunKinds</c>) these lines are for.</summary>
    string Kind { get; }

    /// <summary>
    /// Reads the run's outcomes and appends each item's first one to <paramref name="succeeded"/> or <paramref name="failed"/>,
    /// then lists every input item no batch reported on as failed with <paramref name="missingReason"/>.
    /// </summary>
    Task<MergedParts> MergeAsync(
        IRunContents contents,
        string missingReason,
        StagedTextBlob succeeded,
        StagedTextBlob failed,
        CancellationToken cancellationToken);
}

/// <summary>
/// What merging a run's parts found: outcomes, the input items without one (<see cref="Missing"/>, not part of
/// <see cref="Failed"/>), and the content of its corpus file when the kind has one.
/// </summary>
public sealed record MergedParts(int Succeeded, int Failed, int Missing, string? CorpusJson);
