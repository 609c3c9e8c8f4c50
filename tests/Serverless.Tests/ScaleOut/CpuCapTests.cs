using Azure.Storage.Blobs;
using Serverless.Core.Articles;
using Serverless.Core.Runs;
using Serverless.Core.Terminology.Evaluation;
using Serverless.Tests.Infrastructure;
using Serverless.Tests.Terminology;
using Xunit;
using Xunit.Abstractions;

namespace Serverless.Tests.ScaleOut;

/// <summary>
/// The CPU cap is per instance: Articles:MaxWorkers bounds the analyses one host's worker runs at once (its
/// <see cref="AnalysisGate"/>), while a run's article activities spread over every instance of the task hub.
/// Data from the Inspec Database kindly supplied by The IET.
/// </summary>
public sealed class CpuCapTests(ITestOutputHelper output)
{
    const int Articles = 24;

    [HostInspecFact]
    public async Task Each_of_two_instances_analyses_at_most_its_MaxWorkers_at_once_and_both_do_work()
    {
        string container = $"scale{Guid.NewGuid():N}"[..24];
        BlobContainerClient articles = new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient(container);
        await articles.CreateAsync();
        try
        {
            IReadOnlyList<LabeledDocument> documents = InspecDataset.Load(InspecData.Find("Validation.zip")!).Take(Articles).ToList();
            await Task.WhenAll(documents.Select(d => articles.UploadBlobAsync($"{d.Id}.txt", BinaryData.FromString(d.Text))));
            var settings = new Dictionary<string, string>
            {
                ["Articles__MaxWorkers"] = "1",
                ["Articles__Container"] = container,
                // The worker passes on only warnings to the host by default; the gate's lines are the per-instance signal here.
                ["Logging__LogLevel__Serverless.Core.Articles.AnalysisGate"] = "Information",
            };
            await using ScaleOutCluster cluster = await ScaleOutCluster.StartAsync(2, GlobalCapTests.Api(latencyMs: 0), settings);

            string runId = await cluster.Instances[0].StartAsync("api/articles/analyze", new { blobNames = documents.Select(d => $"{d.Id}.txt").ToArray(), batchSize = 1 });
            RunStatus status = await ScaleOutCluster.WaitAsync(cluster.Instances[0], runId, TimeSpan.FromMinutes(6));
            output.WriteLine($"{status.ElapsedSeconds:F1} s; analyses per instance: {cluster.Shares(AnalysisGate.StartedLog)}; logs in {cluster.LogFolder}");

            Assert.Equal(("Completed", Articles, 0), (status.Status, status.Succeeded, status.Failed));
            Assert.All(cluster.Instances, instance =>
            {
                Assert.True(instance.Executions(AnalysisGate.StartedLog + "1 of 1 ") > 0, $"{instance.Name} analysed nothing: {cluster.Shares(AnalysisGate.StartedLog)}");
                Assert.Equal(0, instance.Executions(AnalysisGate.StartedLog + "2 of"));
            });
            Assert.Equal(Articles, cluster.Instances.Sum(i => i.Executions(AnalysisGate.StartedLog)));
        }
        finally
        {
            await articles.DeleteIfExistsAsync();
        }
    }
}
