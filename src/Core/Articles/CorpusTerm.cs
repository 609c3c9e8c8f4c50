namespace Serverless.Core.Articles;

/// <summary>One line of a run's corpus terminology.</summary>
/// <param name="Score">Sum over the articles of the term's score relative to that article's best term (scores are only comparable within a
/// document).</param>
public sealed record CorpusTerm(string Term, double Score, int DocumentFrequency, IReadOnlyList<string> Articles, IReadOnlyList<string> SurfaceForms);
