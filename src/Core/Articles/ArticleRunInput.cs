namespace Serverless.Core.Articles;

/// <summary>Orchestration input; caps resolved when the run starts, as for user fetches.</summary>
public sealed record ArticleRunInput(
    IReadOnlyList<string> Articles,
    string? Prefix,
    string ArticlesContainer,
    string ResultsContainer,
    int TopTerms,
    int MaxInFlight,
    int MaxWorkersPerInstance,
    int ChunkSize,
    int BatchSize);
