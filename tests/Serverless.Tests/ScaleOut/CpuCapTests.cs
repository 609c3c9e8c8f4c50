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
    public async Task An_article_run_with_one_worker_per_instance_analyses_one_at_a_time_on_each_instance_and_on_both()
    {
        string container = $"scale{Guid.NewGuid():N}"[..24];
        BlobContainerClient articles = new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient(container);
        await articles.CreateAsync();
        try
        {
            IReadOnlyList<LabeledDocument> documents = InspecDataset.Load(InspecData.Find("Validation.zip")!).Take(Articles).ToList();
            await Task.WhenAll(documents.Select(d => articles.UploadBlobAsync($"{d.Id}.txt", BinaryData.FromString(d.Text))));
            // Two activity slots per instance: with host.json's 100, the first instance to poll took every scheduled article
            // and ran them one at a time while the other stayed idle (seen in CI: 0 and 24).
            var settings = new Dictionary<string, string>
            {
                ["Articles__MaxWorkers"] = "1",
                ["Articles__Container"] = container,
                ["AzureFunctionsJobHost__extensions__durableTask__maxConcurrentActivityFunctions"] = "2",
            };
            await using ScaleOutCluster cluster = await ScaleOutCluster.StartAsync(2, GlobalCapTests.Api(latencyMs: 0), settings);

            string runId = await cluster.Instances[0].StartAsync(
                "api/articles/analyze", new { blobNames = documents.Select(d => $"{d.Id}.txt").ToArray(), batchSize = 1 });
            RunStatus status = await ScaleOutCluster.WaitAsync(cluster.Instances[0], runId, TimeSpan.FromMinutes(6));
            output.WriteLine(
                $"{status.ElapsedSeconds:F1} s; analyses per instance: {cluster.Shares(HostInstance.ExecutedAnalyze)}; logs in {cluster.LogFolder}");

            Assert.Equal(("Completed", Articles, 0), (status.Status, status.Succeeded, status.Failed));
            // Both instances analysed, and neither ever ran more than its one worker at once: the cap is per instance.
            foreach (HostInstance instance in cluster.Instances)
            {
                IReadOnlyList<int> running = instance.AnalysesRunningAtStart();
                int most = running.Count > 0 ? running.Max() : 0;
                output.WriteLine($"{instance.Name}: {running.Count} analyses started, at most {most} running at once");
                Assert.True(running.Count > 0, $"{instance.Name} analysed nothing; {cluster.Shares(HostInstance.ExecutedAnalyze)}");
                Assert.All(running, count => Assert.Equal(1, count));
            }

            // Activities run at least once: a batch redelivered while partitions move is analysed again, never lost.
            Assert.InRange(cluster.Instances.Sum(i => i.AnalysesRunningAtStart().Count), Articles, 2 * Articles);
        }
        finally
        {
            await articles.DeleteIfExistsAsync();
        }
    }
}
