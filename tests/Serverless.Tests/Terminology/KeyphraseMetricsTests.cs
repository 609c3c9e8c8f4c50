using Serverless.Core.Terminology;
using Serverless.Core.Terminology.Evaluation;
using Xunit;

namespace Serverless.Tests.Terminology;

public class KeyphraseMetricsTests
{
    [Fact]
    public void Phrases_match_after_lower_casing_and_porter_stemming_every_word()
    {
        Assert.Equal(PorterStemming.StemPhrase("Neural Networks"), PorterStemming.StemPhrase("neural network"));
        Assert.Equal("hyperbol partial differenti equat", PorterStemming.StemPhrase("hyperbolic  partial differential equations"));
        Assert.NotEqual(PorterStemming.StemPhrase("neural network"), PorterStemming.StemPhrase("neural network training"));
    }

    [Fact]
    public void Precision_recall_and_f1_at_k_follow_the_pke_protocol()
    {
        string[] references = ["neural networks", "support vector machines", "gradient descent", "phrase absent from the text"];
        string[] predicted =
        [
            "Neural Network",           // hit (stemmed match)
            "learning rate",            // miss
            "neural networks",          // duplicate of the first after stemming: ignored
            "gradient descent",         // hit
            "training data",            // miss
            "support vector machines",  // hit: the 5th distinct prediction
            "kernel",                   // miss
        ];

        var at5 = KeyphraseMetrics.At(predicted, references, 5);
        Assert.Equal(3.0 / 5, at5.Precision, 10);
        Assert.Equal(3.0 / 4, at5.Recall, 10); // the absent reference still counts
        Assert.Equal(2 * 0.6 * 0.75 / (0.6 + 0.75), at5.F1, 10);

        var at2 = KeyphraseMetrics.At(predicted, references, 2);
        Assert.Equal(1.0 / 2, at2.Precision, 10);
        Assert.Equal(1.0 / 4, at2.Recall, 10);

        // Fewer predictions than k: precision divides by the number predicted, as pke does.
        var at10 = KeyphraseMetrics.At(predicted, references, 10);
        Assert.Equal(3.0 / 6, at10.Precision, 10);
        Assert.Equal(3.0 / 4, at10.Recall, 10);
    }

    [Fact]
    public void No_hit_or_no_prediction_scores_zero()
    {
        Assert.Equal(0, KeyphraseMetrics.At(["unrelated"], ["neural networks"], 5).F1);
        Assert.Equal(new PrecisionRecall(0, 0), KeyphraseMetrics.At([], ["neural networks"], 5));
    }

    [Fact]
    public void Averages_are_macro_over_documents()
    {
        var (precision, recall, f1) = KeyphraseMetrics.Average([new PrecisionRecall(1, 1), new PrecisionRecall(0, 0)]);

        Assert.Equal(0.5, precision, 10);
        Assert.Equal(0.5, recall, 10);
        Assert.Equal(0.5, f1, 10);
    }

    [Fact]
    public void Micro_average_divides_total_hits_by_total_predictions_and_references()
    {
        // A: 1 hit of 5 predicted, 2 references. B: 4 hits of 5 predicted, 8 references.
        MatchCounts a = new(1, 5, 2), b = new(4, 5, 8);

        var micro = KeyphraseMetrics.Micro([a, b]);
        Assert.Equal(5.0 / 10, micro.Precision, 10);
        Assert.Equal(5.0 / 10, micro.Recall, 10);
        Assert.Equal(0.5, micro.F1, 10);

        // Macro weighs the short reference list of A as much as the long one of B, and so differs.
        var macroF1 = KeyphraseMetrics.Average([a.Scores, b.Scores]).F1;
        Assert.Equal(((2 * 0.2 * 0.5 / 0.7) + (2 * 0.8 * 0.5 / 1.3)) / 2, macroF1, 10);
        Assert.NotEqual(micro.F1, macroF1, 3);
    }

    [Fact]
    public void Counts_take_distinct_stemmed_phrases_up_to_the_cut_off()
    {
        var counts = KeyphraseMetrics.Count(["Neural Network", "neural networks", "kernel"], ["neural networks", "graph", "graphs"], 5);

        Assert.Equal(new MatchCounts(Hits: 1, Predicted: 2, References: 2), counts);
        Assert.Equal(new PrecisionRecall(0.5, 0.5), counts.Scores);
        Assert.Equal(new PrecisionRecall(0, 0), new MatchCounts(0, 0, 3).Scores);
    }

    [Fact]
    public void Evaluator_reports_macro_and_micro_scores_at_5_10_and_15()
    {
        var documents = new[]
        {
            new LabeledDocument("a", "alpha", ["graph theory", "matching"]),
            new LabeledDocument("b", "beta", ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"]),
        };
        var extractor = new FixedExtractor(new Dictionary<string, string[]>
        {
            ["alpha"] = ["graph theory", "x", "y", "z", "w", "v", "u", "t", "s", "r", "matching"],
            ["beta"] = ["p1", "p2", "p3", "p4", "q5", "q6", "q7", "q8", "q9", "q10", "q11", "q12", "q13", "q14", "p8"],
        });

        var report = KeyphraseEvaluator.Evaluate(extractor, documents, top: 15, workers: 1);

        Assert.Equal([5, 10, 15], report.Cutoffs.Select(c => c.K));
        var at5 = report.At(5);
        Assert.Equal(new PrecisionRecall(5.0 / 10, 5.0 / 10), at5.Micro);
        Assert.Equal(((2 * 0.2 * 0.5 / 0.7) + (2 * 0.8 * 0.5 / 1.3)) / 2, at5.MacroF1, 10);

        // At 15, A predicted only 11 phrases: the micro denominator counts those, not 15.
        var at15 = report.At(15);
        Assert.Equal((2.0 + 5) / (11 + 15), at15.Micro.Precision, 10);
        Assert.Equal((2.0 + 5) / (2 + 8), at15.Micro.Recall, 10);
        Assert.Equal(new MatchCounts(2, 11, 2), report.PerDocument[0].CountsAt(15));
        Assert.Equal(report.At(10).Macro, report.At10);
    }

    [Fact]
    public void Reference_lists_split_on_semicolons_across_line_breaks()
    {
        var phrases = InspecDataset.ParseKeyphrases("multiresolution adaptive approach; high-resolution methods; numerical " +
            "solution;\n\thyperbolic partial differential\n\tequations; stability");

        Assert.Equal(
            [
                "multiresolution adaptive approach", "high-resolution methods", "numerical solution",
                "hyperbolic partial differential equations", "stability",
            ],
            phrases);
    }

    [Fact]
    public void Evaluator_averages_per_document_scores_of_an_extractor()
    {
        var documents = new[]
        {
            new LabeledDocument("1", "alpha", ["graph theory", "matching"]),
            new LabeledDocument("2", "beta", ["queueing model"]),
        };

        var extractor = new FixedExtractor(new Dictionary<string, string[]>
        {
            ["alpha"] = ["graph theory", "x", "y", "z", "w"],
            ["beta"] = ["a", "b", "c", "d", "e"],
        });

        var report = KeyphraseEvaluator.Evaluate(extractor, documents, top: 10, workers: 2);

        Assert.Equal(2, report.Documents);
        Assert.Equal((0.2 + 0) / 2, report.At5.Precision, 10);
        Assert.Equal((0.5 + 0) / 2, report.At5.Recall, 10);
        Assert.Equal((2 * 0.2 * 0.5 / 0.7 + 0) / 2, report.F1At5, 10);
        Assert.Equal(["1", "2"], report.PerDocument.Select(s => s.Id));
    }

    private sealed class FixedExtractor(Dictionary<string, string[]> answers) : ITerminologyExtractor
    {
        public TermExtraction Extract(string text, int top) =>
            new(answers[text].Take(top).Select(t => new ExtractedTerm(t, 1, [t])).ToList(), 1, 1);
    }
}
