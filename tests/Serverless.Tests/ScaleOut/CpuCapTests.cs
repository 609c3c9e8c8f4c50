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
    public async Task An_article_run_with_one_worker_per_instance_is_analysed_on_both_instances()
    {
        string container = $"scale{Guid.NewGuid():N}"[..24];
        BlobContainerClient articles = new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient(container);
        await articles.CreateAsync();
        try
        {
            IReadOnlyList<LabeledDocument> documents = InspecDataset.Load(InspecData.Find("Validation.zip")!).Take(Articles).ToList();
            await Task.WhenAll(documents.Select(d => articles.UploadBlobAsync($"{d.Id}.txt", BinaryData.FromString(d.Text))));
            var settings = new Dictionary<string, string> { ["Articles__MaxWorkers"] = "1", ["Articles__Container"] = container };
            await using ScaleOutCluster cluster = await ScaleOutCluster.StartAsync(2, GlobalCapTests.Api(latencyMs: 0), settings);

            string runId = await cluster.Instances[0].StartAsync(
                "api/articles/analyze", new { blobNames = documents.Select(d => $"{d.Id}.txt").ToArray(), batchSize = 1 });
            RunStatus status = await ScaleOutCluster.WaitAsync(cluster.Instances[0], runId, TimeSpan.FromMinutes(6));
            output.WriteLine(
                $"{status.ElapsedSeconds:F1} s; analyses per instance: {cluster.Shares(HostInstance.ExecutedAnalyze)}; logs in {cluster.LogFolder}");

            Assert.Equal(("Completed", Articles, 0), (status.Status, status.Succeeded, status.Failed));
            // Both instances analysed: the activities spread over the task hub. (The gate's own "Analysis started: N of 1"
            // lines are worker logs, which this host's console does not show, so the per-instance count is not read here.)
            Assert.All(
                cluster.Instances,
                instance => Assert.True(instance.Executions(HostInstance.ExecutedAnalyze) > 0, cluster.Shares(HostInstance.ExecutedAnalyze)));
            // Activities run at least once: a batch redelivered while partitions move is analysed again, never lost.
            Assert.InRange(cluster.Instances.Sum(i => i.Executions(HostInstance.ExecutedAnalyze)), Articles, 2 * Articles);
        }
        finally
        {
            await articles.DeleteIfExistsAsync();
        }
    }
}
