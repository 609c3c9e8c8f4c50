using Serverless.Core.Terminology;
using Serverless.Core.Terminology.Evaluation;
using Xunit;
using Xunit.Abstractions;

namespace Serverless.Tests.Terminology;

/// <summary>Data from the Inspec Database kindly supplied by The IET.</summary>
public class InspecEvaluationTests(ITestOutputHelper output)
{
    [InspecFact]
    public void Validation_subset_scores_above_a_sane_floor()
    {
        var documents = InspecDataset.Load(InspecData.Find("Validation.zip")!).Take(50).ToList();
        Assert.Equal(50, documents.Count);
        Assert.All(documents, d => Assert.NotEmpty(d.Keyphrases));

        var report = KeyphraseEvaluator.Evaluate(new KeyphraseExtractor(new MiniLmTextEmbedder()), documents, top: 10, workers: 2);

        output.WriteLine($"F1@5 {report.F1At5:P1} F1@10 {report.F1At10:P1} ({report.DocumentsPerSecond:F1} docs/s)");
        // The full 500-document split scores about 38.8 F1@10; a 50-document slice varies by a few points.
        Assert.True(report.F1At10 > 0.30, $"F1@10 {report.F1At10:P1} is below the 30% floor");
        Assert.True(report.F1At5 > 0.25, $"F1@5 {report.F1At5:P1} is below the 25% floor");
    }
}
