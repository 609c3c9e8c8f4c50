using Serverless.Core.Articles;
using Serverless.Core.Options;

namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// One activity's work: up to the run's batch size of items (user ids, article names), worked on with at most
/// <see cref="Concurrency"/> at once. The activity writes its outcomes to the batch's part blob and returns only counts.
/// An article batch also carries its run's <see cref="ArticleAnalysisSettings"/>; the batch that is a whole run carries
/// <see cref="SoleBatch"/>, and its activity writes the run's results instead of a part. A user batch carries its run's API and call
/// settings (<see cref="UserApi"/>): whichever process runs it calls that API that way.
/// </summary>
public sealed record WorkBatch<TItem>(
    string RunId,
    string ResultsContainer,
    int Chunk,
    int Batch,
    IReadOnlyList<TItem> Items,
    int Concurrency,
    ArticleAnalysisSettings? Articles,
    SoleBatchResults? SoleBatch = null,
    UserApiSettings? UserApi = null);
