using Serverless.Core.Runs;
using Serverless.Core.Storage;

namespace Serverless.Core.Articles;

/// <summary>
/// One of a finished article run's top terms as people are shown it (the status API and page, the runner's summaries,
/// <c>runs show</c>): the term and how many of the run's articles it came from. Read from the head of the run's terms.json, which
/// the fan-in writes best first (<see cref="CorpusTerminology"/>), so runs finished before this type existed show their terms too.
/// </summary>
public sealed record TopTerm(string Term, int Articles)
{
    /// <summary>How many terms people are shown.</summary>
    public const int Shown = 10;

    /// <summary>As the runner prints it: "grain boundary diffusion (3 articles)".</summary>
    public string ToText() => $"{Term} ({Articles} {(Articles == 1 ? "article" : "articles")})";

    /// <summary>
    /// <paramref name="status"/> with its <see cref="RunStatus.TopTerms"/> when it is a finished run that has a terms file (empty
    /// when the file was never written); as it is otherwise. One read of the file's first few kilobytes.
    /// </summary>
    public static async Task<RunStatus> WithTopTermsAsync(RunStatus status, BlobResultStore store, CancellationToken cancellationToken = default)
    {
        if (!status.IsFinished || status.Results is not { Terms: { } terms } files)
        {
            return status;
        }

        IReadOnlyList<CorpusTerm> head = await store.ReadJsonArrayHeadAsync<CorpusTerm>(files.Container, terms, Shown, cancellationToken);
        return status with { TopTerms = head.Select(t => new TopTerm(t.Term, t.DocumentFrequency)).ToList() };
    }
}
