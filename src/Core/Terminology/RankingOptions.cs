namespace Serverless.Core.Terminology;

/// <summary>
/// Weights of the candidate score. Defaults were tuned on the Inspec training split and checked on its
/// validation split (see README.md in this folder).
/// </summary>
public sealed record RankingOptions
{
    /// <summary>Weight of cosine similarity between candidate and document embeddings (EmbedRank's signal).</summary>
    public double SimilarityWeight { get; init; } = 1.0;

    /// <summary>Weight of the position prior: terms introduced early (title, first sentence) matter more.</summary>
    public double PositionWeight { get; init; } = 0.1;

    /// <summary>Weight of log frequency: repeated phrases are more central.</summary>
    public double FrequencyWeight { get; init; } = 0.05;

    /// <summary>Bonus for candidates that occur in the title.</summary>
    public double TitleWeight { get; init; } = 0.05;

    /// <summary>Bonus per extra word beyond the first: reference phrases are mostly multi-word.</summary>
    public double LengthWeight { get; init; } = 0.02;

    /// <summary>Bonus for the share of occurrences that are whole word runs rather than slices of longer ones.</summary>
    public double MaximalWeight { get; init; } = 0.4;

    /// <summary>
    /// Maximal-marginal-relevance trade-off: 1 ranks by score alone, lower values penalise candidates similar
    /// to ones already chosen.
    /// </summary>
    public double MmrLambda { get; init; } = 0.7;

    /// <summary>
    /// Candidates embedded on their own per document: the best by a preliminary score from in-context vectors (free
    /// from the document pass). Embedding candidates was most of the engine's cost; 20 keeps validation F1@10 within
    /// a few tenths of embedding all of them (about 61 per Inspec abstract).
    /// </summary>
    public int EmbeddedCandidates { get; init; } = 20;

    /// <summary>
    /// A single word of everyday English (<see cref="PhraseCandidate.GeneralWord"/>) stays a candidate only when its score
    /// exceeds every other candidate's by this much: the model ranks it far above its neighbours.
    /// </summary>
    public double GeneralWordMargin { get; init; } = 0.05;

    /// <summary>Weight of in-context similarity in the preliminary score: it is a noisier estimate of the final one.</summary>
    public double ShortlistSimilarityWeight { get; init; } = 0.5;
}
