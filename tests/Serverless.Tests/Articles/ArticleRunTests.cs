using System.Text;
using Serverless.Core.Articles;
using Serverless.Core.Runs;
using Serverless.Core.Users;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Articles;

/// <summary>Article runs on the durable engine with Azurite and the real terminology engine.</summary>
public sealed class ArticleRunTests
{
    static Task<EngineHarness> StartAsync(Dictionary<string, string?>? settings = null) =>
        EngineHarness.StartAsync(new SimulatorOptions { LatencyMs = 50 }, settings: settings);

    static async Task<(RunStatus Status, ArticleResultsFolder Results)> RunAsync(EngineHarness harness, IReadOnlyList<string> names, string? prefix)
    {
        string runId = await harness.Get<ArticleRunStarter>().StartBatchAsync(harness.Engine.Client, names, prefix);
        RunStatus status = await harness.WaitAsync(runId, TimeSpan.FromMinutes(5));
        Assert.Equal("Completed", status.Status);
        return (status, await ArticleResultsFolder.ReadAsync(harness.Results, runId));
    }

    [Fact]
    public async Task A_batch_of_20_lists_every_article_with_terms_or_with_the_reason_it_failed()
    {
        await using EngineHarness harness = await StartAsync(new() { ["Articles:MaxArticleBytes"] = "100000" });
        string prefix = ArticleFiles.NewPrefix();
        List<string> good = await ArticleFiles.UploadSamplesAsync(prefix);
        FileInfo shortest = ArticleFiles.Samples.MinBy(f => f.Length)!;
        good.Add((await ArticleFiles.UploadAsync(prefix + "again-" + shortest.Name, await File.ReadAllBytesAsync(shortest.FullName))).Name);
        var bad = new Dictionary<string, string>
        {
            [(await ArticleFiles.UploadAsync(prefix + "empty.txt", [])).Name] = "empty",
            [(await ArticleFiles.UploadAsync(prefix + "blank.txt", " \n\t\r\n  ")).Name] = "only whitespace",
            [(await ArticleFiles.UploadAsync(prefix + "image.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D])).Name] = "binary",
            [(await ArticleFiles.UploadAsync(
                prefix + "latin1.txt", Encoding.Latin1.GetBytes("Caf\u00e9 au lait, na\u00efve r\u00e9sum\u00e9"))).Name] = "not valid UTF-8",
            [(await ArticleFiles.UploadAsync(prefix + "huge.txt", new string('a', 150_000))).Name] = "above the 100000-byte limit",
            [prefix + "../../etc/passwd"] = "path tricks",
            ["/absolute.txt"] = "path tricks",
        };
        List<string> names = [.. good, .. bad.Keys];
        Assert.Equal(20, names.Count);

        (RunStatus status, ArticleResultsFolder results) = await RunAsync(harness, names, prefix);

        Assert.Equal((20, good.Count, bad.Count), (results.Manifest.Total, results.Manifest.Succeeded, results.Manifest.Failed));
        Assert.Equal((good.Count, bad.Count), (status.Succeeded, status.Failed));
        Assert.Equal(
            names.Order(StringComparer.Ordinal),
            results.Articles.Select(a => a.Article).Concat(results.Failed.Select(f => f.Article)).Order(StringComparer.Ordinal));
        Assert.All(results.Articles, a => Assert.InRange(a.Terms.Count, 1, 10));
        foreach ((string name, string reason) in bad)
        {
            Assert.Contains(reason, results.ReasonFor(name));
        }

        // The copied article's terms occur in two articles of the corpus.
        CorpusTerm shared = results.Terms.First(t => t.DocumentFrequency == 2);
        Assert.Contains(prefix + shortest.Name, shared.Articles);
        Assert.Contains(prefix + "again-" + shortest.Name, shared.Articles);
        Assert.Equal(results.Terms.OrderByDescending(t => t.Score).Select(t => t.Term), results.Terms.Select(t => t.Term));
    }

    [Fact]
    public async Task A_50_MB_article_is_rejected_by_its_size_before_download()
    {
        await using EngineHarness harness = await StartAsync();
        string name = ArticleFiles.NewPrefix() + "fifty-megabytes.txt";
        await ArticleFiles.UploadAsync(name, Encoding.ASCII.GetBytes(new string('x', 50 * 1024 * 1024)));

        (_, ArticleResultsFolder results) = await RunAsync(harness, [name], prefix: null);

        Assert.Equal(1, results.Manifest.Failed);
        Assert.Contains("52428800 bytes, above the 5242880-byte limit", results.ReasonFor(name));
        Assert.Contains("not downloaded", results.ReasonFor(name));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task No_more_than_MaxWorkers_analyses_overlap(int maxWorkers)
    {
        await using EngineHarness harness = await StartAsync(
            new() { ["Articles:MaxWorkers"] = maxWorkers.ToString(), ["Articles:MaxInFlightPerRun"] = "8" });
        string prefix = ArticleFiles.NewPrefix();
        List<string> names = await ArticleFiles.UploadSamplesAsync(prefix);
        AnalysisGate gate = harness.Get<AnalysisGate>();
        gate.ResetPeak();

        (_, ArticleResultsFolder results) = await RunAsync(harness, names, prefix);

        Assert.Equal(names.Count, results.Manifest.Succeeded);
        Assert.Equal(maxWorkers, gate.Peak);
        Assert.Equal(maxWorkers.ToString(), results.Manifest.Caps["Articles:MaxWorkers"]);
    }

    [Fact]
    public async Task A_backlog_of_articles_does_not_starve_user_fetches_on_the_same_instance()
    {
        // One long article per activity: the backlog is 30 activities queued behind one worker.
        await using EngineHarness harness = await StartAsync(new() { ["Articles:MaxWorkers"] = "1", ["Articles:BatchSize"] = "1" });
        string prefix = ArticleFiles.NewPrefix();
        var backlog = new List<string>();
        byte[] longest = await File.ReadAllBytesAsync(ArticleFiles.Longest.FullName);
        for (int i = 0; i < 30; i++)
        {
            backlog.Add((await ArticleFiles.UploadAsync($"{prefix}long-{i:D2}.txt", longest)).Name);
        }

        string articleRun = await harness.Get<ArticleRunStarter>().StartBatchAsync(harness.Engine.Client, backlog, prefix);
        await WaitUntilAsync(harness, articleRun, s => s.Succeeded >= 1);

        string userRun = await harness.Get<UserFetchStarter>().StartAsync(harness.Engine.Client, Enumerable.Range(1, 50).ToArray());
        RunStatus users = await harness.WaitAsync(userRun);
        RunStatus articlesMeanwhile = (await RunStatusReader.ReadAsync(harness.Engine.Client, articleRun, TimeProvider.System))!;

        Assert.Equal("Completed", users.Status);
        Assert.Equal(50, users.Succeeded);
        Assert.Equal("Running", articlesMeanwhile.Status);
        Assert.True(articlesMeanwhile.Succeeded < backlog.Count, "the user fetch should finish while articles are still queued");
        Assert.True(users.ElapsedSeconds < 15, $"50 fetches at 50 ms took {users.ElapsedSeconds:F1} s behind the article backlog");
        await harness.Engine.Client.TerminateInstanceAsync(articleRun);
    }

    static async Task WaitUntilAsync(EngineHarness harness, string runId, Func<RunStatus, bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await RunStatusReader.ReadAsync(harness.Engine.Client, runId, TimeProvider.System, cts.Token) is not { } s || !condition(s))
        {
            await Task.Delay(100, cts.Token);
        }
    }

    [Fact]
    public async Task Batches_in_chunks_report_every_article_as_single_activities_would()
    {
        await using EngineHarness harness = await StartAsync(new() { ["Articles:BatchSize"] = "3", ["Articles:ChunkSize"] = "2" });
        string prefix = ArticleFiles.NewPrefix();
        List<string> names = await ArticleFiles.UploadSamplesAsync(prefix);
        names.Add((await ArticleFiles.UploadAsync(prefix + "empty.txt", [])).Name);

        (RunStatus status, ArticleResultsFolder results) = await RunAsync(harness, names, prefix);

        Assert.Equal((names.Count, names.Count - 1, 1), (results.Manifest.Total, results.Manifest.Succeeded, results.Manifest.Failed));
        Assert.Equal(names.Count - 1, status.Succeeded);
        Assert.Equal(
            names.Order(StringComparer.Ordinal),
            results.Articles.Select(a => a.Article).Append(results.Failed.Single().Article).Order(StringComparer.Ordinal));
        Assert.Contains("empty", results.ReasonFor(prefix + "empty.txt"));
        Assert.Equal("3", results.Manifest.Caps["Articles:BatchSize"]);
    }
}
