using System.ComponentModel.DataAnnotations;

namespace Serverless.Core.Options;

/// <summary>The article NLP workload. Section <c>Articles</c> (env: <c>Articles__MaxWorkers</c>, …).</summary>
public sealed class ArticleOptions
{
    public const string Section = "Articles";

    /// <summary>
    /// Analyses running at once in one instance (process). CPU-bound, so the default is the processor count:
    /// more only queues threads on the same cores. The seed set this per environment as MAX_WORKERS.
    /// </summary>
    [Range(1, 1024)]
    public int MaxWorkers { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Article activities one run keeps scheduled at once. Each waiting activity holds an engine activity slot
    /// (host.json maxConcurrentActivityFunctions), so this stays well below it: a backlog of articles must
    /// leave slots for user fetches on the same instance.
    /// </summary>
    [Range(1, 1000)]
    public int MaxInFlightPerRun { get; set; } = 8;

    /// <summary>
    /// Articles per activity; 0 (the default) chooses per run (<see cref="Runs.FanOut.BatchSizing.ForArticles"/>). Larger
    /// batches spend less on the engine (queue messages, history) per article, which matters when articles are short.
    /// </summary>
    [Range(0, 1_000)]
    public int BatchSize { get; set; }

    /// <summary>Activities per sub-orchestration in a large run; keeps each orchestration's history (replayed on every step) short.</summary>
    [Range(1, 5_000)]
    public int ChunkSize { get; set; } = 50;

    /// <summary>Articles above this size are rejected from their metadata, before a byte is downloaded.</summary>
    [Range(1, 1L << 32)]
    public long MaxArticleBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Articles in one batch run.</summary>
    [Range(1, 1_000_000)]
    public int MaxArticlesPerRun { get; set; } = 10_000;

    /// <summary>Terms kept per article.</summary>
    [Range(1, 200)]
    public int TopTerms { get; set; } = 10;

    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string Container { get; set; } = "articles";
}
