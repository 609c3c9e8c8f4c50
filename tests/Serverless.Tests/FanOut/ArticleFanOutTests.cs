using Serverless.Core.Articles;
using Serverless.Core.Runs;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.FanOut;

/// <summary>Tolerated failures and redrive for article runs: the same fan-out as user fetches, with article names as items.</summary>
public sealed class ArticleFanOutTests
{
    [Fact]
    public async Task An_article_run_past_its_threshold_ends_Failed_and_a_redrive_after_the_fix_analyses_the_rest()
    {
        await using EngineHarness harness = await EngineHarness.StartAsync(
            new SimulatorOptions(), settings: new Dictionary<string, string?> { ["Articles:MaxInFlightPerRun"] = "1" });
        string prefix = ArticleFiles.NewPrefix();
        List<string> names = (await ArticleFiles.UploadSamplesAsync(prefix)).Take(3).ToList();
        string broken = (await ArticleFiles.UploadAsync(prefix + "a-empty.txt", [])).Name;
        names.Insert(0, broken);

        string firstId = await harness.Get<ArticleRunStarter>().StartBatchAsync(
            harness.Engine.Client, names, prefix, new RunSettings(ToleratedFailureCount: 0));
        RunStatus first = await harness.WaitAsync(firstId, TimeSpan.FromMinutes(3));
        ArticleResultsFolder firstResults = await ArticleResultsFolder.ReadAsync(harness.Results, firstId);

        Assert.Equal("Failed", first.Status);
        Assert.StartsWith("failure threshold exceeded: 1 of 4", first.Error);
        Assert.Equal((RunOutcome.Failed, 4), (firstResults.Manifest.Status, firstResults.Manifest.Total));
        Assert.Contains("empty", firstResults.ReasonFor(broken));

        await ArticleFiles.UploadAsync(broken, await File.ReadAllBytesAsync(ArticleFiles.Samples[0].FullName));
        RunControlResult redrive = await harness.Get<RunControl>().RedriveAsync(harness.Engine.Client, firstId);
        RunStatus second = await harness.WaitAsync(redrive.RunId!, TimeSpan.FromMinutes(3));
        ArticleResultsFolder secondResults = await ArticleResultsFolder.ReadAsync(harness.Results, redrive.RunId!);

        Assert.Equal(("Completed", firstResults.Manifest.Failed, 0), (second.Status, second.Succeeded, second.Failed));
        Assert.Equal(firstId, secondResults.Manifest.Input.RedriveOf);
        Assert.Equal(
            names.Order(StringComparer.Ordinal),
            firstResults.Articles.Concat(secondResults.Articles).Select(a => a.Article).Order(StringComparer.Ordinal));
    }
}
