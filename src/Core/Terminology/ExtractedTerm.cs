namespace Serverless.Core.Terminology;

/// <summary>One key phrase.</summary>
/// <param name="Term">Canonical form: the most frequent surface form, lower-cased.</param>
/// <param name="Score">Ranking score; only comparable within one document.</param>
/// <param name="SurfaceForms">Every distinct spelling found in the text that stems to the same phrase, most frequent first,
/// then the acronym that the text defines for it, if any ("SVM" for "support vector machine").</param>
public sealed record ExtractedTerm(string Term, double Score, IReadOnlyList<string> SurfaceForms);
