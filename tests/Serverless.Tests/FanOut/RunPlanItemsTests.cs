using System.Text.Json;
using Serverless.Core.Runs;
using Serverless.Core.Runs.FanOut;
using Xunit;

namespace Serverless.Tests.FanOut;

/// <summary>Which runs carry their items in the plan: one chunk, small JSON; everything else reads them from its input blobs.</summary>
public sealed class RunPlanItemsTests
{
    static RunPlan Plan(int items, int chunkSize) => new(
        RunKinds.Users, items, chunkSize, BatchSize: 50, MaxConcurrency: 20, FailureTolerance.None, "results",
        Adaptive: true, LimiterId: null, RedriveOf: null, Prefix: null, new Dictionary<string, string>(), Articles: null);

    [Fact]
    public void A_small_one_chunk_run_carries_its_items_as_they_were_given()
    {
        int[] ids = Enumerable.Range(1, 50).ToArray();

        RunPlan plan = Plan(ids.Length, 500).CarryingSmall(ids);

        Assert.Equal(ids, plan.Items!.Value.Deserialize<int[]>());
        // It still travels as orchestration input: the items survive the plan's own round trip through JSON.
        Assert.Equal(ids, JsonSerializer.Deserialize<RunPlan>(JsonSerializer.Serialize(plan))!.Items!.Value.Deserialize<int[]>());
    }

    [Fact]
    public void A_chunked_run_or_items_past_the_size_limit_stay_in_blobs_only()
    {
        int[] many = Enumerable.Range(1, 1_000).ToArray();
        Assert.Null(Plan(many.Length, 500).CarryingSmall(many).Items);

        string[] longNames = Enumerable.Range(0, 400).Select(i => $"articles/2026/some-rather-long-folder/{i:D6}-article.txt").ToArray();
        Assert.True(JsonSerializer.Serialize(longNames).Length > RunPlan.MaxItemsJsonChars);
        Assert.Null(Plan(longNames.Length, 500).CarryingSmall(longNames).Items);
    }
}
