namespace Serverless.Core.Terminology;

/// <summary>
/// EmbedRank-style key-phrase extraction: Lucene proposes noun-phrase-like candidates, MiniLM embeds the
/// (chunked) document once, which also gives every candidate an in-context vector; the best candidates by that
/// preliminary score are embedded on their own and ranked by similarity to the document combined with position,
/// frequency and shape priors, with an MMR step against near-duplicates.
/// Stateless apart from the shared model, so one instance serves concurrent callers.
/// </summary>
public sealed class KeyphraseExtractor : ITerminologyExtractor
{
    private readonly ITextEmbedder embedder;

    public KeyphraseExtractor(ITextEmbedder embedder, CandidateOptions? candidates = null, RankingOptions? ranking = null)
    {
        this.embedder = embedder ?? throw new ArgumentNullException(nameof(embedder));
        CandidateOptions = candidates ?? new CandidateOptions();
        RankingOptions = ranking ?? new RankingOptions();
    }

    public CandidateOptions CandidateOptions { get; }

    public RankingOptions RankingOptions { get; }

    public TermExtraction Extract(string text, int top)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        var analysis = Analyze(text);
        var terms = CandidateRanker.Rank(analysis, RankingOptions, top);
        return new TermExtraction(terms, analysis.Document.Words.Count, analysis.Chunks.Count);
    }

    /// <summary>Tokenises, proposes candidates and embeds them and the document.</summary>
    public DocumentAnalysis Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var document = DocumentTokenizer.Tokenize(text);
        var candidates = CandidateExtractor.Extract(document, CandidateOptions);
        if (candidates.Count == 0)
        {
            return new DocumentAnalysis(document, [], [], [], []);
        }

        var chunks = DocumentChunker.Chunk(document, embedder);
        var (documentVector, inContext) = DocumentEmbedding.Embed(document, chunks, candidates, embedder);
        var shortlist = CandidateRanker.Shortlist(new DocumentAnalysis(document, chunks, candidates, inContext, documentVector), RankingOptions);
        var vectors = embedder.EmbedPhrases(shortlist.Select(c => c.Canonical).ToList());
        return new DocumentAnalysis(document, chunks, shortlist, vectors, documentVector);
    }
}
