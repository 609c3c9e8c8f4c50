using System.Text.RegularExpressions;
using Serverless.Core.Runs;
using Serverless.Tests.Infrastructure;
using Serverless.Tests.StatusPage;
using Xunit;
using Xunit.Abstractions;

namespace Serverless.Tests.FunctionsHost;

/// <summary>
/// The status page served by the real host, in headless Chromium, following a user fetch to completion with the key it was opened with.
/// </summary>
[Collection(FunctionsHostCollection.Name)]
public sealed class HostStatusPageBrowserTests(FunctionsHostFixture host, ITestOutputHelper output)
{
    const int Users = 150;

    [HostChromiumFact]
    public async Task The_page_served_by_the_host_follows_a_running_user_fetch_to_completion()
    {
        host.Simulator.SetLatency(300);
        try
        {
            // Batches of 10: progress moves in steps the page can be caught between (a default batch could be half the run).
            string runId = await host.StartUserFetchAsync(new { from = 1, count = Users, batchSize = 10 });
            var view = new Uri(host.BaseUrl, $"api/runs/{Uri.EscapeDataString(runId)}/view?code={Uri.EscapeDataString(host.FunctionKey)}");

            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            while ((await host.ReadStatusAsync(runId, timeout.Token)).Succeeded == 0)
            {
                await Task.Delay(50, timeout.Token);
            }

            string running = await Chromium.DumpDomAsync(view);
            output.WriteLine($"while running: {Text(running, "status")}, done {Text(running, "done")}");
            Assert.Equal("Running", Text(running, "status"));
            Assert.InRange(Number(running, "done"), 1, Users - 1);

            RunStatus finished = await host.WaitAsync(runId);
            Assert.Equal("Completed", finished.Status);
            (string last, IReadOnlyList<string> console) = await Chromium.DumpDomAndConsoleAsync(view);
            Assert.True(console.Count == 0, "the page wrote to the console:\n" + string.Join('\n', console));
            Assert.Equal("Completed", Text(last, "status"));
            Assert.Equal((Users, Users, 0, Users), (Number(last, "total"), Number(last, "succeeded"), Number(last, "failed"), Number(last, "done")));
            // The page's own API calls went through the host's key check with the key from its URL.
            Assert.Equal("None.", Text(last, "failures-note"));
            Assert.Contains($"/files/manifest?code={Uri.EscapeDataString(host.FunctionKey)}", last);
        }
        finally
        {
            host.Simulator.SetLatency(200);
        }
    }

    static string Text(string dom, string id)
    {
        Match match = Regex.Match(dom, $"id=\"{Regex.Escape(id)}\"[^>]*>([^<]*)<");
        Assert.True(match.Success, $"no element with id '{id}' in the dumped DOM");
        return match.Groups[1].Value.Trim();
    }

    static int Number(string dom, string id) => int.Parse(Text(dom, id), System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Needs both a Functions host and Chromium; skipped with the reason when either is missing, except in CI.</summary>
public sealed class HostChromiumFactAttribute : FactAttribute
{
    public HostChromiumFactAttribute()
    {
        Skip = Prerequisite.SkipUnlessCi(FunctionsHostLocation.Missing ?? Chromium.Missing);
    }
}
