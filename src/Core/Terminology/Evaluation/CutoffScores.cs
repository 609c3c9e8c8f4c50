namespace Serverless.Core.Terminology.Evaluation;

/// <summary>Scores of the top <paramref name="K"/> phrases over a whole evaluation run.</summary>
/// <param name="K">The cut-off.</param>
/// <param name="Macro">Mean per-document precision and recall.</param>
/// <param name="MacroF1">Mean per-document F1 (not recomputed from the mean precision and recall).</param>
/// <param name="Micro">Total hits over total predicted and over total references; its F1 is the one published methods
/// (EmbedRank, SIFRank, PromptRank) report.</param>
public sealed record CutoffScores(int K, PrecisionRecall Macro, double MacroF1, PrecisionRecall Micro);
