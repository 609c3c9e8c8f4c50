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
    /// <paramref name="status"/> with its <see cref="RunStatus.TopTerms"/> when it is a finished run whose terms file was written;
    /// as it is otherwise. One read of the head of the file, up to the end of its tenth term.
    /// </summary>
    public static async Task<RunStatus> WithTopTermsAsync(RunStatus status, BlobResultStore store, CancellationToken cancellationToken = default)
    {
        if (!status.IsFinished || status.Results is not { Terms: { } terms } files)
        {
            return status;
        }

        IReadOnlyList<Line>? head = await store.ReadJsonArrayHeadAsync<Line>(files.Container, terms, Shown, cancellationToken);
        return head is null ? status : status with { TopTerms = head.Select(t => new TopTerm(t.Term, t.DocumentFrequency)).ToList() };
    }

    /// <summary>
    /// The two fields of a <see cref="CorpusTerm"/> shown; its article names and surface forms are skipped, not kept, since a
    /// term of a large corpus can list thousands of articles.
    /// </summary>
    sealed record Line(string Term, int DocumentFrequency);
}
