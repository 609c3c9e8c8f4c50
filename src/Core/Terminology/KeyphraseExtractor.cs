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

    public TermExtraction Extract(string text, int top) => ExtractAll([text], top)[0];

    /// <summary>
    /// The texts' shortlisted phrases go to the model together: each model call has a fixed cost (see
    /// <see cref="EmbeddingBatches"/>), and the phrases of a few documents fill fewer calls than each document's alone.
    /// </summary>
    public IReadOnlyList<TermExtraction> ExtractAll(IReadOnlyList<string> texts, int top)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        return [.. AnalyzeAll(texts).Select(
            a => new TermExtraction(CandidateRanker.Rank(a, RankingOptions, top), a.Document.Words.Count, a.Chunks.Count))];
    }

    /// <summary>Tokenises, proposes candidates and embeds them and the document.</summary>
    public DocumentAnalysis Analyze(string text) => AnalyzeAll([text])[0];

    /// <summary><see cref="Analyze"/> of each text, with every text's shortlisted phrases embedded in the same calls.</summary>
    public IReadOnlyList<DocumentAnalysis> AnalyzeAll(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var preliminary = texts.Select(Shortlist).ToArray();

        // A phrase shortlisted in several of the texts is embedded once: its vector does not depend on its batch.
        var phrases = preliminary.SelectMany(a => a.Candidates).Select(c => c.Canonical).Distinct(StringComparer.Ordinal).ToList();
        var vectors = phrases.Count == 0 ? [] : embedder.EmbedPhrases(phrases);
        var byPhrase = new Dictionary<string, float[]>(phrases.Count, StringComparer.Ordinal);
        for (var i = 0; i < phrases.Count; i++)
        {
            byPhrase[phrases[i]] = vectors[i];
        }

        return [.. preliminary.Select(a => a with { CandidateVectors = [.. a.Candidates.Select(c => byPhrase[c.Canonical])] })];
    }

    /// <summary>One text up to its shortlist, whose phrases are not embedded yet: <see cref="AnalyzeAll"/> fills their vectors.</summary>
    private DocumentAnalysis Shortlist(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var document = DocumentTokenizer.Tokenize(text);
        var candidates = AcronymLinker.Link(document, CandidateExtractor.Extract(document, CandidateOptions));
        if (candidates.Count == 0)
        {
            return new DocumentAnalysis(document, [], [], [], []);
        }

        var chunks = DocumentChunker.Chunk(document, embedder);
        var (documentVector, inContext) = DocumentEmbedding.Embed(document, chunks, candidates, embedder);
        var shortlist = CandidateRanker.Shortlist(new DocumentAnalysis(document, chunks, candidates, inContext, documentVector), RankingOptions);
        return new DocumentAnalysis(document, chunks, shortlist, [], documentVector);
    }
}
