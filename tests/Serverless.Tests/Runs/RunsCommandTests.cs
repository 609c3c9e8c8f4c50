using System.CommandLine;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Core.Articles;
using Serverless.Core.Runs;
using Serverless.Core.Storage;
using Serverless.Core.Users;
using Serverless.Local.Commands;
using Serverless.Local.Commands.Runs;
using Serverless.Local.Engine;
using Serverless.Local.Runner;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Runs;

/// <summary><c>runs list/show/purge</c> in process against a real engine's task hub on Azurite.</summary>
public sealed class RunsCommandTests
{
    static async Task<(int Code, string Output, string Error)> InvokeAsync(string taskHub, params string[] args)
    {
        var root = new RootCommand { RunsCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        string[] full = ["runs", .. args, "--task-hub", taskHub, "--storage", Azurite.ConnectionString];
        int code = await root.Parse(full).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    static async Task<List<JsonElement>> ListAsync(string taskHub, params string[] args)
    {
        (int code, string output, string error) = await InvokeAsync(taskHub, ["list", "--json", .. args]);
        Assert.True(code == 0, $"runs list exited {code}: {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
    }

    static string Id(JsonElement row) => row.GetProperty("id").GetString()!;

    [Fact]
    public async Task List_show_and_purge_report_and_remove_finished_runs_with_their_chunks()
    {
        string big, small;
        string taskHub;
        await using (EngineHarness harness = await EngineHarness.StartAsync(
            new SimulatorOptions { LatencyMs = 10, ConcurrencyLimit = 0 },
            settings: new Dictionary<string, string?> { ["UserFetch:ChunkSize"] = "5" }))
        {
            taskHub = harness.TaskHub;
            var starter = harness.Get<UserFetchStarter>();
            big = await starter.StartAsync(harness.Engine.Client, Enumerable.Range(1, 12).ToArray());
            small = await starter.StartAsync(harness.Engine.Client, [1, 2, 3]);
            Assert.Equal("Completed", (await harness.WaitAsync(big)).Status);
            Assert.Equal("Completed", (await harness.WaitAsync(small)).Status);
        }

        // list: both runs, completed, with their counts; chunks only with --all.
        List<JsonElement> runs = await ListAsync(taskHub);
        Assert.Equal(new[] { big, small }.Order(StringComparer.Ordinal), runs.Select(Id).Order(StringComparer.Ordinal));
        Assert.All(runs, r =>
        {
            Assert.Equal("Completed", r.GetProperty("status").GetString());
            Assert.Equal("UserFetchOrchestrator", r.GetProperty("name").GetString());
            Assert.False(r.GetProperty("isChunk").GetBoolean());
            Assert.Equal(0, r.GetProperty("failed").GetInt32());
            Assert.Equal(0, r.GetProperty("inFlight").GetInt32());
            Assert.True(r.GetProperty("durationSeconds").GetDouble() > 0);
        });
        JsonElement bigRow = runs.Single(r => Id(r) == big);
        Assert.Equal((12, 12), (bigRow.GetProperty("total").GetInt32(), bigRow.GetProperty("succeeded").GetInt32()));
        JsonElement smallRow = runs.Single(r => Id(r) == small);
        Assert.Equal((3, 3), (smallRow.GetProperty("total").GetInt32(), smallRow.GetProperty("succeeded").GetInt32()));

        // 12 users in chunks of at most 5 at cap 20: 20 splits evenly into two lanes, so four chunks of 3 in two rounds.
        List<JsonElement> everything = await ListAsync(taskHub, "--all");
        string[] bigChunks = everything.Select(Id).Where(id => id.StartsWith(big + "-chunk-", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, bigChunks.Length);
        Assert.All(everything.Where(r => bigChunks.Contains(Id(r))), r => Assert.True(r.GetProperty("isChunk").GetBoolean()));
        Assert.Empty(await ListAsync(taskHub, "--status", "Running"));
        Assert.Single(await ListAsync(taskHub, "--top", "1"));

        (int code, string table, _) = await InvokeAsync(taskHub, "list");
        Assert.Equal(0, code);
        Assert.Contains(big, table);
        Assert.Contains(small, table);
        Assert.Contains("Completed", table);
        Assert.DoesNotContain("-chunk-", table);

        // show: results files and history size (or the engine's stated inability to give it).
        (code, string shown, string showError) = await InvokeAsync(taskHub, "show", big, "--json");
        Assert.True(code == 0, showError);
        JsonElement details = JsonDocument.Parse(shown).RootElement;
        Assert.Equal("Completed", details.GetProperty("status").GetString());
        Assert.Equal(12, details.GetProperty("succeeded").GetInt32());
        Assert.Equal($"{big}/manifest.json", details.GetProperty("results").GetProperty("manifest").GetString());
        Assert.Equal($"{big}/users.ndjson", details.GetProperty("results").GetProperty("succeeded").GetString());
        Assert.True(details.GetProperty("inputBytes").GetInt32() > 0);
        Assert.Equal(4, details.GetProperty("chunks").GetProperty("Completed").GetInt32());
        Assert.Equal(JsonValueKind.Null, details.GetProperty("topTerms").ValueKind);
        if (details.GetProperty("historyEvents").ValueKind == JsonValueKind.Number)
        {
            Assert.True(details.GetProperty("historyEvents").GetInt32() > 0);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(details.GetProperty("historyUnavailable").GetString()));
        }

        (code, string text, _) = await InvokeAsync(taskHub, "show", big);
        Assert.Equal(0, code);
        Assert.Contains($"{big}/manifest.json", text);
        Assert.Contains("History size", text);
        (code, _, string missing) = await InvokeAsync(taskHub, "show", "no-such-run");
        Assert.Equal(1, code);
        Assert.Contains("no-such-run", missing);

        // purge --all without --yes refuses and purges nothing.
        (code, _, string refused) = await InvokeAsync(taskHub, "purge", "--all");
        Assert.NotEqual(0, code);
        Assert.Contains("--yes", refused);
        Assert.Equal(everything.Select(Id).Order(), (await ListAsync(taskHub, "--all")).Select(Id).Order());

        // Nothing is older than a day.
        (code, string old, _) = await InvokeAsync(taskHub, "purge", "--older-than", "1d");
        Assert.Equal(0, code);
        Assert.Contains("Purged 0 instances", old);

        // purge one run: it and its chunks go; the other stays.
        (code, string purged, string purgeError) = await InvokeAsync(taskHub, "purge", big);
        Assert.True(code == 0, purgeError);
        Assert.Contains("Purged 5 instances", purged);
        List<JsonElement> left = await ListAsync(taskHub, "--all");
        Assert.DoesNotContain(left, r => Id(r).StartsWith(big, StringComparison.Ordinal));
        Assert.Equal([small], (await ListAsync(taskHub)).Select(Id));

        // --all --yes purges the rest of what has finished; the API limiter, a long-lived orchestration, keeps running.
        (code, string rest, _) = await InvokeAsync(taskHub, "purge", "--all", "--yes");
        Assert.Equal(0, code);
        Assert.Contains($"Purged {left.Count(r => r.GetProperty("status").GetString() != "Running")} instance", rest);
        Assert.All(await ListAsync(taskHub, "--all"), r => Assert.StartsWith("api-limiter-", Id(r), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Show_lists_an_article_runs_top_terms_with_how_many_articles_each_came_from()
    {
        string taskHub, runId;
        List<CorpusTerm> written;
        await using (EngineHarness harness = await EngineHarness.StartAsync(new SimulatorOptions { LatencyMs = 10 }))
        {
            taskHub = harness.TaskHub;
            // The shortest sample twice: its terms come from two articles.
            string prefix = ArticleFiles.NewPrefix();
            byte[] article = await File.ReadAllBytesAsync(ArticleFiles.Samples.MinBy(f => f.Length)!.FullName);
            string[] names = [prefix + "a.txt", prefix + "b.txt"];
            foreach (string name in names)
            {
                await ArticleFiles.UploadAsync(name, article);
            }

            runId = await harness.Get<ArticleRunStarter>().StartBatchAsync(harness.Engine.Client, names, prefix);
            RunStatus finished = await harness.WaitAsync(runId, TimeSpan.FromMinutes(5));
            Assert.Equal("Completed", finished.Status);
            written = JsonSerializer.Deserialize<List<CorpusTerm>>(
                await harness.Results.ReadTextAsync(finished.Results!.Container, finished.Results.Terms!), BlobResultStore.Json)!;
        }

        // The head of what the run wrote, best first; each term came from both articles.
        List<(string, int)> expected = written.Take(TopTerm.Shown).Select(t => (t.Term, t.DocumentFrequency)).ToList();
        Assert.NotEmpty(expected);
        Assert.All(expected, t => Assert.Equal(2, t.Item2));
        (int code, string shown, string error) = await InvokeAsync(taskHub, "show", runId, "--json");
        Assert.True(code == 0, error);
        Assert.Equal(
            expected,
            JsonDocument.Parse(shown).RootElement.GetProperty("topTerms").EnumerateArray()
                .Select(t => (t.GetProperty("term").GetString()!, t.GetProperty("articles").GetInt32())));

        (code, string text, error) = await InvokeAsync(taskHub, "show", runId);
        Assert.True(code == 0, error);
        string[] lines = text.Split('\n');
        int heading = Array.FindIndex(lines, l => l.StartsWith("Top terms", StringComparison.Ordinal));
        Assert.True(heading >= 0, "no Top terms row in:\n" + text);
        Assert.Equal(
            expected.Select(t => $"{t.Item1} (2 articles)"),
            lines.Skip(heading).Take(expected.Count).Select(l => l.Replace("Top terms", "", StringComparison.Ordinal).Trim()));
    }

    [Fact]
    public async Task Listing_does_not_run_a_pending_run()
    {
        Azurite.EnsureRunning();
        string taskHub = Azurite.NewTaskHub();
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = Azurite.ConnectionString })
            .Build();
        using ILoggerFactory loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Error));
        var settings = new RunnerSettings(EngineKind.AzureStorage, Azurite.ConnectionString, taskHub, ApiBaseUrl: null, Json: false);

        // No worker anywhere on this task hub: the run can only stay Pending unless listing runs it.
        await using DurableEngine clientOnly = await LocalHost.StartEngineAsync(
            settings, configuration, loggers, CancellationToken.None, runWorker: false);
        string runId = await clientOnly.Services.GetRequiredService<UserFetchStarter>().StartAsync(clientOnly.Client, [1, 2, 3]);
        await Task.Delay(TimeSpan.FromSeconds(2));

        List<JsonElement> listed = await ListAsync(taskHub);
        (int code, string shown, _) = await InvokeAsync(taskHub, "show", runId, "--json");
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal([runId], listed.Select(Id));
        Assert.Equal("Pending", listed[0].GetProperty("status").GetString());
        Assert.Equal(0, code);
        Assert.Equal("Pending", JsonDocument.Parse(shown).RootElement.GetProperty("status").GetString());
        OrchestrationMetadata? instance = await clientOnly.Client.GetInstanceAsync(runId);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, instance!.RuntimeStatus);

        // A purge refuses an unfinished run rather than corrupting it.
        (code, _, string refused) = await InvokeAsync(taskHub, "purge", runId);
        Assert.Equal(1, code);
        Assert.Contains("Pending", refused);
        Assert.NotNull(await clientOnly.Client.GetInstanceAsync(runId));
    }

    [Theory]
    [InlineData("7d", 7 * 24 * 3600)]
    [InlineData("12h", 12 * 3600)]
    [InlineData("30m", 30 * 60)]
    [InlineData("45s", 45)]
    [InlineData("1.00:00:00", 24 * 3600)]
    public void Older_than_ages_parse(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RunAge.Parse(text));
}
