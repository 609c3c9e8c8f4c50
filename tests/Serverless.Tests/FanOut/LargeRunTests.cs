using Microsoft.DurableTask.Client;
using Serverless.Core.Runs;
using Serverless.Core.Users;
using Serverless.Local.Engine;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.FanOut;

public sealed class LargeRunTests
{
    [Fact]
    public async Task Ten_thousand_users_complete_with_bounded_histories_and_payloads_that_do_not_grow_with_the_run()
    {
        await using EngineHarness harness = await EngineHarness.StartAsync(
            new SimulatorOptions { LatencyMs = 1, ConcurrencyLimit = 0 },
            settings: new Dictionary<string, string?>
            {
                ["UserApi:MaxConcurrency"] = "100",
                ["UserFetch:ChunkSize"] = "2000",
                ["UserFetch:BatchSize"] = "50",
            });

        string runId = await harness.Get<UserFetchStarter>().StartAsync(harness.Engine.Client, Enumerable.Range(1, 10_000).ToArray());
        RunStatus status = await harness.WaitAsync(runId, TimeSpan.FromMinutes(5));
        RunResults results = await RunResults.ReadAsync(harness.Results, status.Results!);

        Assert.Equal(("Completed", 10_000, 0), (status.Status, status.Succeeded, status.Failed));
        Assert.Equal(Enumerable.Range(1, 10_000), results.UserIds.Order());

        Dictionary<string, int> history = await TaskHubHistory.CountEventsAsync(Azurite.ConnectionString, harness.TaskHub, runId);
        // The run and its eight chunks of 1,250: five of at most 2,000 in four lanes would end with a round of one lane.
        Assert.Equal(9, history.Count);
        Assert.All(history.Values, events => Assert.InRange(events, 1, 10_000));
        Assert.True(history[runId] < 100, $"the parent holds a few events per chunk, not per user: {history[runId]}");

        // Inputs and outputs carry plans and counts, never the users: a few hundred characters whatever the run size.
        var instances = new List<OrchestrationMetadata>();
        await foreach (OrchestrationMetadata instance in harness.Engine.Client.GetAllInstancesAsync(
                           new OrchestrationQuery { InstanceIdPrefix = runId, FetchInputsAndOutputs = true }))
        {
            instances.Add(instance);
        }

        Assert.Equal(9, instances.Count);
        Assert.All(instances, i => Assert.InRange(i.SerializedInput?.Length ?? 0, 1, 2_000));
        Assert.All(instances, i => Assert.InRange(i.SerializedOutput?.Length ?? 0, 1, 2_000));
    }
}
