using Serverless.Core.Terminology;
using Xunit;

namespace Serverless.Tests.Terminology;

public class ShortlistTests
{
    private const string Abstract =
        "Wireless sensor networks for habitat monitoring\r\nSensor nodes with limited energy report temperature and humidity over a multi-hop "
        + "routing protocol. Battery lifetime, radio duty cycles, clock drift, packet loss and data aggregation are evaluated in a field "
        + "deployment on a remote island, with solar harvesting, weatherproof enclosures and a gateway uplink over satellite links.";

    [Fact]
    public void The_window_pass_gives_the_vector_of_the_joined_text_and_states_for_every_piece()
    {
        var model = MiniLmModel.Shared;
        var text = TextNormalizer.CollapseWhitespace(Abstract);

        var window = model.EmbedWindow(text.Split(' '));
        var joined = model.Embed([text])[0];

        Assert.Equal(text.Split(' ').Length, window.SegmentSums.Count);
        Assert.Equal(model.CountWordPieces(text), window.SegmentPieces.Sum() + 2);
        Assert.InRange(VectorMath.Dot(window.Vector, joined), 0.99999f, 1.00001f);
    }

    [Fact]
    public void Only_the_shortlisted_candidates_are_embedded_on_their_own()
    {
        var embedder = new FakeEmbedder(maxWordPieces: 256);
        var extractor = new KeyphraseExtractor(embedder, ranking: new RankingOptions { EmbeddedCandidates = 5 });

        var all = CandidateExtractor.Extract(DocumentTokenizer.Tokenize(Abstract), new CandidateOptions());
        var analysis = extractor.Analyze(Abstract);

        Assert.True(all.Count > 5);
        Assert.Equal(5, analysis.Candidates.Count);
        Assert.Equal(analysis.Chunks.Count + 5, embedder.Embedded.Count); // the windows once, then the shortlist
        Assert.Equal(analysis.Candidates.Select(c => c.Canonical), embedder.Embedded.Skip(analysis.Chunks.Count));
        Assert.Equal(analysis.Candidates.OrderBy(c => c.FirstPosition), analysis.Candidates); // document order kept
    }

    [Fact]
    public void A_document_with_few_candidates_embeds_them_all()
    {
        var embedder = new FakeEmbedder(maxWordPieces: 256);
        var extractor = new KeyphraseExtractor(embedder, ranking: new RankingOptions { EmbeddedCandidates = 1000 });

        var analysis = extractor.Analyze(Abstract);

        // Single words of everyday English are no terms unless the model ranks them far above the rest (none does here).
        Assert.Equal(
            CandidateExtractor.Extract(DocumentTokenizer.Tokenize(Abstract), new CandidateOptions()).Where(c => !c.GeneralWord).Select(c => c.Key),
            analysis.Candidates.Select(c => c.Key));
    }
}
