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
    /// Reads the run's parts and appends each item's first outcome to <paramref name="succeeded"/> or <paramref name="failed"/>;
    /// <paramref name="seen"/> ends up with every item that has an outcome.
    /// </summary>
    Task<MergedParts> MergePartsAsync(RunItemStore items, string container, string runId, HashSet<string> seen, StagedTextBlob succeeded, StagedTextBlob failed, CancellationToken cancellationToken);

    /// <summary>The failed line for an input item no batch reported on.</summary>
    string MissingLine(string item, string reason);
}

/// <summary>What merging a run's parts found, and the content of its corpus file when the kind has one.</summary>
public sealed record MergedParts(int Succeeded, int Failed, string? CorpusJson);
