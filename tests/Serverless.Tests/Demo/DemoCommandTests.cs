using System.Text.Json;
using Azure.Storage.Blobs;
using Serverless.Core.Articles;
using Serverless.Core.Runs;
using Serverless.Core.Storage;
using Serverless.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Serverless.Tests.Demo;

/// <summary><c>demo</c> end to end as a separate process on Azurite: its summary's counts are what the blobs hold.</summary>
public sealed class DemoCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Demo_runs_users_and_articles_and_its_summary_counts_match_the_blobs()
    {
        Azurite.EnsureRunning();
        // Two small sample articles keep the NLP part short; the default folder is covered by FindSamples below.
        DirectoryInfo articles = Directory.CreateTempSubdirectory("demo-articles-");
        try
        {
            foreach (FileInfo file in ArticleFiles.Samples.OrderBy(f => f.Length).Take(2))
            {
                file.CopyTo(Path.Combine(articles.FullName, file.Name));
            }

            using RunnerProcess runner = RunnerProcess.Start(
                "demo", "--users", "20", "--json", "--task-hub", Azurite.NewTaskHub("d"), "--articles", articles.FullName);
            List<string> lines = await runner.ReadAllLinesAsync(TimeSpan.FromMinutes(4));
            int code = await runner.WaitForExitAsync(TimeSpan.FromSeconds(30));
            output.WriteLine(string.Join('\n', lines));
            Assert.True(code == 0, $"demo exited {code}; stderr: {runner.StandardError}");

            // stdout holds only JSON: one object per run, then the final one.
            List<JsonElement> events = lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
            Assert.Equal(["run", "run", "demo"], events.Select(e => e.GetProperty("event").GetString()));
            JsonElement users = events[0], arts = events[1], final = events[2];
            Assert.Equal("users", users.GetProperty("kind").GetString());
            Assert.Equal("articles", arts.GetProperty("kind").GetString());
            Assert.True(final.GetProperty("ok").GetBoolean());
            Assert.True(final.GetProperty("countsMatch").GetBoolean());

            Assert.Equal("Completed", users.GetProperty("status").GetString());
            Assert.Equal(20, users.GetProperty("total").GetInt32());
            Assert.Equal(20, users.GetProperty("cap").GetInt32());
            // ideal = ceil(20 / 20) x 200 ms.
            Assert.Equal(0.2, users.GetProperty("idealSeconds").GetDouble(), 3);
            double wall = users.GetProperty("wallSeconds").GetDouble();
            // Both figures are printed rounded (wall to ms, ratio to 1/100), so they agree to within one rounding step.
            Assert.InRange(users.GetProperty("ratio").GetDouble(), wall / 0.2 - 0.011, wall / 0.2 + 0.011);
            Assert.Equal("Completed", arts.GetProperty("status").GetString());
            Assert.Equal(2, arts.GetProperty("total").GetInt32());

            var store = new BlobResultStore(new BlobServiceClient(Azurite.ConnectionString));
            foreach (JsonElement run in new[] { users, arts })
            {
                Assert.True(run.GetProperty("verified").GetProperty("matches").GetBoolean());
                RunFiles files = run.GetProperty("results").Deserialize<RunFiles>(BlobResultStore.Json)!;
                RunManifest manifest = (await store.ReadManifestAsync(files.Container, run.GetProperty("runId").GetString()!))!;
                int succeeded = Lines(await store.ReadTextAsync(files.Container, files.Succeeded));
                int failed = Lines(await store.ReadTextAsync(files.Container, files.Failed));
                Assert.Equal(run.GetProperty("succeeded").GetInt32(), succeeded);
                Assert.Equal(run.GetProperty("failed").GetInt32(), failed);
                Assert.Equal(run.GetProperty("total").GetInt32(), succeeded + failed);
                Assert.Equal((manifest.Total, manifest.Succeeded, manifest.Failed), (succeeded + failed, succeeded, failed));
            }

            // The articles' summary names the corpus's top terms: the head of the terms file the run wrote, with article counts.
            RunFiles articleFiles = arts.GetProperty("results").Deserialize<RunFiles>(BlobResultStore.Json)!;
            List<CorpusTerm> written = JsonSerializer.Deserialize<List<CorpusTerm>>(
                await store.ReadTextAsync(articleFiles.Container, articleFiles.Terms!), BlobResultStore.Json)!;
            Assert.Equal(TopTerm.Shown, arts.GetProperty("topTerms").GetArrayLength());
            Assert.Equal(
                written.Take(TopTerm.Shown).Select(t => (t.Term, t.DocumentFrequency)),
                arts.GetProperty("topTerms").EnumerateArray()
                    .Select(t => (t.GetProperty("term").GetString()!, t.GetProperty("articles").GetInt32())));
            Assert.Equal(JsonValueKind.Null, users.GetProperty("topTerms").ValueKind);

            RunResults userResults = await RunResults.ReadAsync(store, users.GetProperty("results").Deserialize<RunFiles>(BlobResultStore.Json)!);
            Assert.Equal(Enumerable.Range(1, 20), userResults.UserIds.Concat(userResults.Failed.Select(f => f.UserId)).Order());
        }
        finally
        {
            articles.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Demo_text_summary_lists_the_corpus_top_terms_with_how_many_articles_each_came_from()
    {
        Azurite.EnsureRunning();
        // The shortest sample and a copy of it: every term comes from both articles.
        DirectoryInfo articles = Directory.CreateTempSubdirectory("demo-terms-");
        try
        {
            FileInfo shortest = ArticleFiles.Samples.MinBy(f => f.Length)!;
            shortest.CopyTo(Path.Combine(articles.FullName, "a.txt"));
            shortest.CopyTo(Path.Combine(articles.FullName, "b.txt"));

            using RunnerProcess runner = RunnerProcess.Start(
                "demo", "--users", "5", "--no-warm-up", "--task-hub", Azurite.NewTaskHub("d"), "--articles", articles.FullName);
            List<string> lines = await runner.ReadAllLinesAsync(TimeSpan.FromMinutes(4));
            int code = await runner.WaitForExitAsync(TimeSpan.FromSeconds(30));
            output.WriteLine(string.Join('\n', lines));
            Assert.True(code == 0, $"demo exited {code}; stderr: {runner.StandardError}");

            // The summary's articles part: its results folder, then the ranked terms the run wrote, each from 2 articles.
            int summary = lines.IndexOf("Summary");
            int articlesAt = lines.FindIndex(summary, l => l.StartsWith("  articles: run ", StringComparison.Ordinal));
            Assert.True(summary >= 0 && articlesAt > summary, "no articles line in the summary");
            string runId = lines[articlesAt]["  articles: run ".Length..].Split(' ')[0];
            string container = lines.Skip(articlesAt).First(l => l.StartsWith("    results in container '", StringComparison.Ordinal)).Split('\'')[1];
            var store = new BlobResultStore(new BlobServiceClient(Azurite.ConnectionString));
            List<CorpusTerm> written = JsonSerializer.Deserialize<List<CorpusTerm>>(
                await store.ReadTextAsync(container, RunFolder.ForArticles(container, runId).Terms!), BlobResultStore.Json)!;
            List<CorpusTerm> top = written.Take(TopTerm.Shown).ToList();
            int heading = lines.IndexOf($"    Top {top.Count} terms of the corpus, with how many articles each came from:", articlesAt);
            Assert.True(heading > articlesAt, "no top terms heading in the articles' summary");
            Assert.Equal(
                top.Select((t, i) => $"      {i + 1,2}. {t.Term} (2 articles)"),
                lines.Skip(heading + 1).Take(top.Count));
        }
        finally
        {
            articles.Delete(recursive: true);
        }
    }

    [Fact]
    public void Default_articles_folder_is_the_repositorys_samples()
    {
        DirectoryInfo? samples = Serverless.Local.Commands.DemoCommand.FindSamples();
        Assert.NotNull(samples);
        Assert.Equal(Path.Combine(RepoPaths.Root, "samples", "articles"), samples.FullName.TrimEnd(Path.DirectorySeparatorChar));
    }

    static int Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
}
