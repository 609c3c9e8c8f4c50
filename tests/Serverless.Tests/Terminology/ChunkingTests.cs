using Serverless.Core.Terminology;
using Xunit;

namespace Serverless.Tests.Terminology;

public class ChunkingTests
{
    private static string LongArticle(int sentences, string ending) =>
        string.Join(' ', Enumerable.Range(0, sentences).Select(i =>
            $"Section {i} reviews heat transfer measurements in turbulent channel flow number {i}.")) + " " + ending;

    [Fact]
    public void Text_longer_than_the_window_is_split_into_chunks_that_each_fit()
    {
        var embedder = new FakeEmbedder(maxWordPieces: 32);
        var document = DocumentTokenizer.Tokenize(LongArticle(20, "Finally lattice quantum chromodynamics appears."));

        var chunks = DocumentChunker.Chunk(document, embedder);

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.InRange(embedder.CountWordPieces(c.Text), 3, 32));
        Assert.All(chunks, c => Assert.Equal(embedder.CountWordPieces(c.Text), c.WordPieces));
    }

    [Fact]
    public void Chunks_cover_every_word_in_order_without_truncation()
    {
        var embedder = new FakeEmbedder(maxWordPieces: 32);
        var text = LongArticle(20, "Finally lattice quantum chromodynamics appears.");
        var document = DocumentTokenizer.Tokenize(text);

        var chunks = DocumentChunker.Chunk(document, embedder);

        Assert.Equal(TextNormalizer.CollapseWhitespace(text), string.Join(' ', chunks.Select(c => c.Text)));
    }

    [Fact]
    public void A_sentence_longer_than_the_window_is_split_between_words()
    {
        var embedder = new FakeEmbedder(maxWordPieces: 12);
        var words = Enumerable.Range(0, 50).Select(i => $"word{i}").ToList();
        var document = DocumentTokenizer.Tokenize(string.Join(' ', words));

        var chunks = DocumentChunker.Chunk(document, embedder);

        Assert.Equal(5, chunks.Count); // 50 words, 10 per window of 12 pieces with [CLS] and [SEP]
        Assert.Equal(string.Join(' ', words), string.Join(' ', chunks.Select(c => c.Text)));
    }

    [Fact]
    public void Terms_that_occur_only_at_the_end_of_a_long_text_are_reachable()
    {
        var embedder = new FakeEmbedder(maxWordPieces: 32);
        var extractor = new KeyphraseExtractor(embedder);
        var text = LongArticle(30, "Finally lattice quantum chromodynamics appears.");

        var extraction = extractor.Extract(text, top: 1000);

        Assert.True(extraction.ChunkCount > 1);
        Assert.Contains(extraction.Terms, t => t.Term == "lattice quantum chromodynamics");
        Assert.Contains(embedder.Embedded, t => t.EndsWith("Finally lattice quantum chromodynamics appears.", StringComparison.Ordinal));
    }

    [Fact]
    public void The_real_model_reads_a_long_article_in_several_windows()
    {
        var text = LongArticle(60, "Finally lattice quantum chromodynamics appears.");
        var model = MiniLmModel.Shared;
        Assert.True(model.CountWordPieces(text) > MiniLmModel.WindowWordPieces);

        // Every candidate embedded, so reaching the last sentence depends on chunking alone, not on the shortlist.
        var everyCandidate = new RankingOptions { EmbeddedCandidates = int.MaxValue };
        var extraction = new KeyphraseExtractor(new MiniLmTextEmbedder(), ranking: everyCandidate).Extract(text, top: 200);

        Assert.True(extraction.ChunkCount > 1);
        Assert.Contains(extraction.Terms, t => t.Term == "lattice quantum chromodynamics");
        Assert.Throws<ArgumentException>(() => model.Embed([text])); // never truncated silently
    }
}
