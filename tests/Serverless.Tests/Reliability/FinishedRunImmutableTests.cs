using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Serverless.Core.Runs;
using Serverless.Core.Runs.FanOut;
using Serverless.Core.Storage;
using Serverless.Core.Users;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Reliability;

/// <summary>
/// A finished run (its manifest exists) is never written again: a stale copy of one of its batches (its queue message came back
/// after the run ended) calls no API and writes nothing, and a second fan-in returns the manifest as it stands.
/// </summary>
public sealed class FinishedRunImmutableTests
{
    const string Container = "results";

    [Fact]
    public async Task A_stale_batch_of_a_finished_run_calls_no_API_and_writes_nothing()
    {
        await using EngineHarness harness = await EngineHarness.StartAsync(new SimulatorOptions { LatencyMs = 5 });
        string runId = await FinishedRunAsync(harness, users: 30, batchSize: 10);
        long requests = harness.Simulator.Snapshot().Requests;
        Dictionary<string, ETag> before = await BlobsOfAsync(runId);

        var stale = new WorkBatch<int>(runId, Container, Chunk: 0, Batch: 0, Enumerable.Range(1, 10).ToList(), Concurrency: 4, Articles: null);
        BatchReport report = await harness.Get<FetchUserBatchActivity>().RunAsync(null!, stale);

        Assert.Equal(BatchOutcomeWriter.Nothing, report);
        Assert.Equal(requests, harness.Simulator.Snapshot().Requests);
        Assert.Equal(before, await BlobsOfAsync(runId));
    }

    [Fact]
    public async Task A_second_fan_in_of_a_finished_run_leaves_its_files_and_manifest_unchanged()
    {
        await using EngineHarness harness = await EngineHarness.StartAsync(new SimulatorOptions { LatencyMs = 5 });
        string runId = await FinishedRunAsync(harness, users: 30, batchSize: 10);
        RunManifest manifest = (await harness.Results.ReadManifestAsync(Container, runId))!;
        Dictionary<string, ETag> before = await BlobsOfAsync(runId);

        // As a fan-in that runs again would: the same draft, or one with what a later look at the parts says.
        RunResultsWriter writer = harness.Get<RunResultsWriter>();
        RunManifest again = await writer.WriteAsync(manifest, "no outcome recorded");
        RunManifest other = await writer.WriteAsync(manifest with { Status = RunOutcome.Failed, Reason = "later" }, "lost");

        Assert.Equal(Json(manifest), Json(again));
        Assert.Equal(Json(manifest), Json(other));
        Assert.Equal(before, await BlobsOfAsync(runId));
        Assert.Equal(Json(manifest), Json((await harness.Results.ReadManifestAsync(Container, runId))!));
    }

    static async Task<string> FinishedRunAsync(EngineHarness harness, int users, int batchSize)
    {
        string runId = await harness.Get<UserFetchStarter>().StartAsync(
            harness.Engine.Client, Enumerable.Range(1, users).ToList(), new RunSettings(BatchSize: batchSize));
        RunStatus status = await harness.WaitAsync(runId);
        Assert.True(status.IsFinished);
        Assert.NotNull(await harness.Results.ReadManifestAsync(Container, runId));
        return runId;
    }

    /// <summary>Every blob of the run's folder (results, manifest, input, parts) with its ETag: any write changes one.</summary>
    static async Task<Dictionary<string, ETag>> BlobsOfAsync(string runId)
    {
        BlobContainerClient container = new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient(Container);
        var blobs = new Dictionary<string, ETag>();
        await foreach (BlobItem blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{runId}/", CancellationToken.None))
        {
            blobs[blob.Name] = blob.Properties.ETag!.Value;
        }

        Assert.NotEmpty(blobs);
        return blobs;
    }

    static string Json(RunManifest manifest) => System.Text.Json.JsonSerializer.Serialize(manifest, BlobResultStore.Json);
}
