using Serverless.Core.Terminology;
using Xunit;

namespace Serverless.Tests.Terminology;

public class RankingTests
{
    private static readonly string[] Abstracts =
    [
        "Adaptive multiresolution approach for solution of hyperbolic PDEs\r\nThis paper establishes an innovative and efficient " +
            "multiresolution adaptive\n\tapproach combined with high-resolution methods, for the numerical\n\tsolution of a single or a " +
            "system of partial differential equations.",
        "Probabilistic disambiguation of natural language\r\nWe present a statistical parser that resolves syntactic ambiguity with " +
            "probabilistic context-free grammars trained on a treebank. Parsing accuracy improves on newswire text.",
        "Wireless sensor networks for habitat monitoring\r\nSensor nodes with limited energy report temperature and humidity over a " +
            "multi-hop routing protocol. Battery lifetime and data aggregation are evaluated in a field deployment.",
        "Convolutional neural networks for protein contact prediction\r\nDeep residual networks predict protein contact maps from " +
            "multiple sequence alignments, improving protein structure prediction.",
    ];

    private static readonly ITerminologyExtractor Extractor = new KeyphraseExtractor(new MiniLmTextEmbedder());

    [Fact]
    public void Same_input_gives_identical_terms_and_scores()
    {
        var first = Extractor.Extract(Abstracts[0], 10);
        var second = Extractor.Extract(Abstracts[0], 10);

        Assert.Equal(10, first.Terms.Count);
        Assert.Equal(first.Terms.Select(t => (t.Term, t.Score)), second.Terms.Select(t => (t.Term, t.Score)));
        Assert.Equal(first.TokenCount, second.TokenCount);
    }

    [Fact]
    public void Parallel_extraction_matches_sequential_extraction()
    {
        var inputs = Enumerable.Range(0, 16).Select(i => Abstracts[i % Abstracts.Length]).ToArray();
        var sequential = inputs.Select(t => Render(Extractor.Extract(t, 10))).ToArray();

        var parallel = new string[inputs.Length];
        Parallel.For(
            0, inputs.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = Render(Extractor.Extract(inputs[i], 10)));

        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void Texts_extracted_together_get_the_terms_each_gets_alone()
    {
        // A repeated text shares every shortlisted phrase with its twin; the stop-word text has no candidates at all.
        string[] texts = [.. Abstracts, Abstracts[2], "the of and"];
        var alone = texts.Select(t => Extractor.Extract(t, 10)).ToArray();

        var together = Extractor.ExtractAll(texts, 10);

        Assert.Equal(texts.Length, together.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(alone[i].Terms.Select(t => t.Term), together[i].Terms.Select(t => t.Term));
            Assert.All(alone[i].Terms.Zip(together[i].Terms), pair => Assert.Equal(pair.First.Score, pair.Second.Score, 5));
            Assert.Equal(alone[i].TokenCount, together[i].TokenCount);
        }

        Assert.Empty(together[^1].Terms);
    }

    [Fact]
    public void Ranking_puts_title_terms_ahead_of_generic_words()
    {
        var terms = Extractor.Extract(Abstracts[0], 5).Terms.Select(t => t.Term).ToList();

        Assert.Contains("hyperbolic pdes", terms);
        Assert.Contains("partial differential equations", Extractor.Extract(Abstracts[0], 10).Terms.Select(t => t.Term));
        Assert.DoesNotContain("system", terms);
    }

    [Fact]
    public void Terms_are_lower_case_canonical_forms_with_their_surface_forms()
    {
        var extraction = Extractor.Extract("Neural Networks\r\nNeural networks and a neural network were trained. Neural networks generalise.", 10);

        var term = Assert.Single(extraction.Terms, t => t.Term == "neural networks");
        Assert.Equal(["Neural networks", "Neural Networks", "neural network"], term.SurfaceForms);
        Assert.All(extraction.Terms, t => Assert.Equal(t.Term.ToLowerInvariant(), t.Term));
        Assert.Equal(extraction.Terms.OrderByDescending(t => t.Score).Select(t => t.Term).First(), extraction.Terms[0].Term);
    }

    [Fact]
    public void Empty_or_stop_word_only_text_yields_no_terms()
    {
        Assert.Empty(Extractor.Extract("", 10).Terms);
        Assert.Empty(Extractor.Extract("It is what it is, and so on.", 10).Terms);
        Assert.Empty(Extractor.Extract(Abstracts[1], 0).Terms);
    }

    [Fact]
    public void Mmr_with_full_relevance_weight_keeps_score_order_and_lower_lambda_avoids_duplicates()
    {
        double[] scores = [0.9, 0.85, 0.5];
        float[][] vectors = [[1, 0], [1, 0], [0, 1]];

        Assert.Equal([0, 1, 2], MaximalMarginalRelevance.Select(scores, vectors, lambda: 1.0, top: 3));
        Assert.Equal([0, 2], MaximalMarginalRelevance.Select(scores, vectors, lambda: 0.5, top: 2));
    }

    private static string Render(TermExtraction extraction) =>
        string.Join('|', extraction.Terms.Select(t => $"{t.Term}:{t.Score:R}"));
}
