using System.Text.Json;
using Serverless.Core.Runs;
using Serverless.Core.Runs.FanOut;
using Serverless.Core.Storage;
using Xunit;

namespace Serverless.Tests.Runs;

/// <summary>Outcomes and stop reasons are types in the code and the documented strings in manifests, status and events.</summary>
public sealed class RunOutcomeJsonTests
{
    [Theory]
    [InlineData(RunOutcome.Completed, "completed")]
    [InlineData(RunOutcome.Failed, "failed")]
    [InlineData(RunOutcome.Cancelled, "cancelled")]
    public void An_outcome_is_written_and_read_as_its_documented_name(RunOutcome outcome, string name)
    {
        foreach (JsonSerializerOptions options in new[] { BlobResultStore.Json, new JsonSerializerOptions(JsonSerializerDefaults.Web), new() })
        {
            Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(outcome, options));
            Assert.Equal(outcome, JsonSerializer.Deserialize<RunOutcome>($"\"{name}\"", options));
        }
    }

    [Fact]
    public void A_manifest_says_its_status_in_words()
    {
        var manifest = new RunManifest(
            "run-1", RunKinds.Users, RunOutcome.Cancelled, RunControl.CancelReason, new RunInputDescription(3, "run-1/input/"),
            new Dictionary<string, string>(), DateTime.UnixEpoch, DateTime.UnixEpoch, 0, 3, 1, 2, 2, RunFolder.ForUsers("results", "run-1"));

        using JsonDocument json = JsonDocument.Parse(JsonSerializer.Serialize(manifest, BlobResultStore.Json));

        Assert.Equal("cancelled", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(RunOutcome.Cancelled, JsonSerializer.Deserialize<RunManifest>(json.RootElement.GetRawText(), BlobResultStore.Json)!.Status);
    }

    [Fact]
    public void A_stop_reason_survives_the_event_payload_and_the_threshold_stop_is_recognised_by_value()
    {
        string payload = JsonSerializer.Serialize(StopReason.FailureThreshold);
        StopReason? read = JsonSerializer.Deserialize<StopReason>(payload);

        Assert.Equal(StopReason.FailureThreshold, read);
        Assert.NotEqual(StopReason.FailureThreshold, StopReason.Cancel("failure threshold exceeded"));
        Assert.Contains("\"failed\"", payload);
    }
}
