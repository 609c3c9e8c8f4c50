namespace Serverless.Core.Terminology;

/// <summary>
/// A candidate key phrase: every occurrence of word sequences that stem to the same <see cref="Key"/>.
/// </summary>
/// <param name="Key">Porter stems of the words joined by spaces: "neural networks" and "Neural Network" share it.</param>
/// <param name="Canonical">The most frequent surface form, lower-cased (ties: first seen).</param>
/// <param name="SurfaceForms">Distinct surface forms, most frequent first (ties: first seen).</param>
/// <param name="WordCount">Number of words in the phrase.</param>
/// <param name="Positions">Index of the first word of each occurrence, ascending.</param>
/// <param name="InTitle">True when an occurrence lies in the title.</param>
/// <param name="MaximalCount">How many occurrences span a whole run of eligible words (not a slice of a longer one).</param>
public sealed record PhraseCandidate(
    string Key,
    string Canonical,
    IReadOnlyList<string> SurfaceForms,
    int WordCount,
    IReadOnlyList<int> Positions,
    bool InTitle,
    int MaximalCount)
{
    /// <summary>
    /// Index of each bare use of a defined acronym that stands for this phrase (one word each; see
    /// <see cref="AcronymLinker"/>). They count as occurrences of the phrase.
    /// </summary>
    public IReadOnlyList<int> AliasPositions { get; init; } = [];

    public int Frequency => Positions.Count + AliasPositions.Count;

    public int FirstPosition => AliasPositions.Count > 0 && AliasPositions[0] < Positions[0] ? AliasPositions[0] : Positions[0];

    /// <summary>A single word of everyday English, neither an acronym nor rare (<see cref="DomainWeight"/>): a term only when
    /// the model ranks it far above the rest (<see cref="RankingOptions.GeneralWordMargin"/>).</summary>
    public bool GeneralWord { get; init; }
}
