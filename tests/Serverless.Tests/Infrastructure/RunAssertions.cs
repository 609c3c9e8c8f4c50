using System.Net;
using Serverless.Core.Http;
using Xunit;

namespace Serverless.Tests.Infrastructure;

/// <summary>Assertions about a run that tests under <c>serve</c> and under the Functions host share.</summary>
public static class RunAssertions
{
    /// <summary>Succeeded and failed together list each of users 1..total exactly once, and the manifest counts them so.</summary>
    public static void EveryUserOnce(RunResults results, int total)
    {
        int[] listed = [.. results.UserIds, .. results.Failed.Select(f => f.UserId)];
        Assert.Equal((total, total), (results.Manifest.Total, results.Manifest.Succeeded + results.Manifest.Failed));
        Assert.Equal((results.UserIds.Count, results.Failed.Count), (results.Manifest.Succeeded, results.Manifest.Failed));
        Assert.Equal(Enumerable.Range(1, total), listed.Order());
    }

    /// <summary>
    /// The start's 202, then at least one 202 of the status while running (same body shape as the end), then one 200 with the
    /// finished run; every 202 named the status URL and a whole number of seconds of at least 1.
    /// </summary>
    public static void FollowedToTheEnd(IReadOnlyList<ConventionalPoller.Answer> answers, Uri runsBase, int total)
    {
        ConventionalPoller.Answer start = answers[0];
        string runId = start.Json.GetProperty("runId").GetString()!;
        var statusUrl = new Uri(runsBase, Uri.EscapeDataString(runId));
        Assert.Equal(HttpStatusCode.Accepted, start.Status);
        Assert.Equal(statusUrl, start.Location);
        Assert.Equal(statusUrl.ToString(), start.Json.GetProperty("statusUrl").GetString());
        Assert.Equal(1, start.RetryAfterSeconds);

        ConventionalPoller.Answer[] running = [.. answers.Skip(1).SkipLast(1)];
        ConventionalPoller.Answer end = answers[^1];
        Assert.NotEmpty(running);
        Assert.All(running, r =>
        {
            Assert.Equal(HttpStatusCode.Accepted, r.Status);
            Assert.Equal(statusUrl, r.Location);
            Assert.InRange(r.RetryAfterSeconds!.Value, RunPollInterval.MinSeconds, RunPollInterval.MaxSeconds);
            Assert.Contains(r.Json.GetProperty("status").GetString(), new[] { "Pending", "Running" });
            Assert.Equal(end.Shape, r.Shape);
        });
        Assert.Equal(HttpStatusCode.OK, end.Status);
        Assert.Null(end.RetryAfterSeconds);
        Assert.Equal(("Completed", total, total), (
            end.Json.GetProperty("status").GetString(), end.Json.GetProperty("total").GetInt32(), end.Json.GetProperty("succeeded").GetInt32()));
        // The poller waited as told: never two polls within less than the Retry-After the earlier one named.
        for (int i = 1; i < answers.Count; i++)
        {
            Assert.True(answers[i].At - answers[i - 1].At >= TimeSpan.FromSeconds(answers[i - 1].RetryAfterSeconds!.Value - 0.05));
        }
    }
}
