using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Core.Articles;
using Serverless.Core.Http;
using Serverless.Core.Runs;
using Serverless.Core.Storage;
using Serverless.Local.Runner;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Serverless.Tests.StatusPage;

/// <summary>The status page in headless Chromium, served in-process by the runner's Kestrel mapping over a real engine.</summary>
public sealed class StatusPageBrowserTests(ITestOutputHelper output)
{
    const int Users = 150;

    static string Text(string dom, string id)
    {
        Match match = Regex.Match(dom, $"id=\"{Regex.Escape(id)}\"[^>]*>([^<]*)<");
        Assert.True(match.Success, $"no element with id '{id}' in the dumped DOM");
        return match.Groups[1].Value.Trim();
    }

    static int Number(string dom, string id) => int.Parse(Text(dom, id), System.Globalization.CultureInfo.InvariantCulture);

    [ChromiumFact]
    public async Task The_page_follows_a_running_user_fetch_to_completion()
    {
        await using EngineHarness harness = await EngineHarness.StartAsync(
            new SimulatorOptions { LatencyMs = 300, ConcurrencyLimit = 0 },
            settings: new Dictionary<string, string?> { ["UserApi:MaxConcurrency"] = "10" });
        await using RunsApiServer.Started server = await RunsApiServer.StartAsync(
            harness.Get<RunsHttpApi>(), harness.Engine.Client, 0, NullLoggerFactory.Instance, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        // Started through the served API, as a user of `serve` would.
        // Batches of 10: progress moves in steps the two dumps can see (a default batch here is a third of the run).
        HttpResponseMessage accepted = await http.PostAsJsonAsync("api/users/fetch", new { from = 1, count = Users, batchSize = 10 });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, accepted.StatusCode);
        string runId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
        // The page must keep the function key it was opened with when it calls the API.
        var view = new Uri(server.BaseUrl, $"api/runs/{Uri.EscapeDataString(runId)}/view?code=test-key");

        await WaitUntilAsync(harness, runId, s => s.Succeeded + s.Failed > 0);
        string first = await Chromium.DumpDomAsync(view);
        string second = await Chromium.DumpDomAsync(view);
        int done1 = Number(first, "done"), done2 = Number(second, "done");
        output.WriteLine($"done while running: {done1}, then {done2} ({Text(first, "status")}, {Text(second, "status")})");
        Assert.Equal("Running", Text(first, "status"));
        Assert.InRange(done1, 1, Users - 1);
        Assert.True(done2 > done1, $"done should increase between dumps: {done1} then {done2}");
        Assert.Equal(Users, Number(first, "total"));

        RunStatus finished = await harness.WaitAsync(runId);
        Assert.Equal("Completed", finished.Status);
        (string last, IReadOnlyList<string> console) = await Chromium.DumpDomAndConsoleAsync(view);
        // Under the page's strict policy (its own script and style by hash, calls to its own origin) nothing was refused.
        Assert.True(console.Count == 0, "the page wrote to the console:\n" + string.Join('\n', console));
        Assert.Equal("Completed", Text(last, "status"));
        Assert.Equal((Users, Users, 0, Users), (Number(last, "total"), Number(last, "succeeded"), Number(last, "failed"), Number(last, "done")));
        Assert.Equal("0", Text(last, "inflight"));
        // Written by the script from the API: the failures list was fetched and the file links carry the key.
        Assert.Equal("None.", Text(last, "failures-note"));
        Assert.Contains("/files/manifest?code=test-key", last);
        Assert.Contains("/files/succeeded?code=test-key", last);
        // Only an article run has terms to list.
        Assert.Matches("id=\"terms-card\"[^>]*hidden", last);
        Assert.DoesNotContain("AccountKey", last, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("UseDevelopmentStorage", last, StringComparison.OrdinalIgnoreCase);

        // A CI artefact: what the finished page looks like.
        string screenshot = Path.Combine(RepoPaths.Root, "artifacts", "test-results", "status-page.png");
        await Chromium.ScreenshotAsync(view, screenshot);
        output.WriteLine($"screenshot: {screenshot}");
    }

    [ChromiumFact]
    public async Task An_article_runs_page_lists_its_top_terms_as_text_once_it_has_finished()
    {
        await using EngineHarness harness = await EngineHarness.StartAsync(new SimulatorOptions { LatencyMs = 50 });
        await using RunsApiServer.Started server = await RunsApiServer.StartAsync(
            harness.Get<RunsHttpApi>(), harness.Engine.Client, 0, NullLoggerFactory.Instance, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        // The two shortest samples and a copy of one: the copy's terms come from two articles, the rest from one.
        string prefix = ArticleFiles.NewPrefix();
        FileInfo[] shortest = ArticleFiles.Samples.OrderBy(f => f.Length).Take(2).ToArray();
        foreach ((string name, FileInfo file) in shortest.Select(f => (f.Name, f)).Append(("copy-" + shortest[0].Name, shortest[0])))
        {
            await ArticleFiles.UploadAsync(prefix + name, await File.ReadAllBytesAsync(file.FullName));
        }

        HttpResponseMessage accepted = await http.PostAsJsonAsync("api/articles/analyze", new { prefix });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        string runId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
        var view = new Uri(server.BaseUrl, $"api/runs/{Uri.EscapeDataString(runId)}/view?code=test-key");
        RunStatus finished = await harness.WaitAsync(runId, TimeSpan.FromMinutes(5));
        Assert.Equal("Completed", finished.Status);

        // What the run wrote, best first: the status JSON and the page show its head, with each term's article count.
        RunFiles files = finished.Results!;
        List<CorpusTerm> written = JsonSerializer.Deserialize<List<CorpusTerm>>(
            await harness.Results.ReadTextAsync(files.Container, files.Terms!), BlobResultStore.Json)!;
        List<(string, int)> expected = written.Take(TopTerm.Shown).Select(t => (t.Term, t.DocumentFrequency)).ToList();
        Assert.Equal(TopTerm.Shown, expected.Count);
        Assert.Contains(expected, t => t.Item2 == 2);
        JsonElement status = await http.GetFromJsonAsync<JsonElement>($"api/runs/{Uri.EscapeDataString(runId)}");
        Assert.Equal(
            expected,
            status.GetProperty("topTerms").EnumerateArray().Select(t => (t.GetProperty("term").GetString()!, t.GetProperty("articles").GetInt32())));

        (string page, IReadOnlyList<string> console) = await Chromium.DumpDomAndConsoleAsync(view);
        Assert.True(console.Count == 0, "the page wrote to the console:\n" + string.Join('\n', console));
        Assert.DoesNotMatch("id=\"terms-card\"[^>]*hidden", page);
        Assert.Equal(expected, TermRows(page));
        output.WriteLine(string.Join('\n', TermRows(page)));

        // The page lists whatever the run's file holds: a term made of markup is shown as that text and nothing in it runs.
        const string Markup = "<img src=x onerror=\"document.title='pwned'\"> & <b>bold</b>";
        CorpusTerm crafted = new(Markup, 99, 2, [prefix + shortest[0].Name], [Markup]);
        await new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient(files.Container).GetBlobClient(files.Terms)
            .UploadAsync(BinaryData.FromString(JsonSerializer.Serialize(written.Prepend(crafted), BlobResultStore.Json)), overwrite: true);
        (string tampered, console) = await Chromium.DumpDomAndConsoleAsync(view);
        Assert.True(console.Count == 0, "the page wrote to the console:\n" + string.Join('\n', console));
        Assert.Equal((Markup, 2), TermRows(tampered)[0]);
        Assert.Contains("<td>&lt;img src=x onerror=\"document.title='pwned'\"&gt; &amp; &lt;b&gt;bold&lt;/b&gt;</td>", tampered);
        Assert.DoesNotContain("<img", tampered);
        Assert.DoesNotContain("<b>", tampered);
        Assert.DoesNotContain("pwned</title>", tampered);
    }

    /// <summary>The rows of the page's terms table, decoded: term and article count.</summary>
    static List<(string, int)> TermRows(string dom)
    {
        Match table = Regex.Match(dom, "<table id=\"terms\"[^>]*>(.*?)</table>", RegexOptions.Singleline);
        Assert.True(table.Success, "no terms table in the dumped DOM");
        return Regex.Matches(table.Groups[1].Value, "<tr><td>([^<]*)</td><td>([0-9]+)</td></tr>")
            .Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
    }

    static async Task WaitUntilAsync(EngineHarness harness, string runId, Func<RunStatus, bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            RunStatus? status = await RunStatusReader.ReadAsync(harness.Engine.Client, runId, TimeProvider.System, cts.Token);
            if (status is not null && condition(status))
            {
                return;
            }

            Assert.False(status is { IsFinished: true }, $"run finished ({status?.Status}) before the page could watch it");
            await Task.Delay(50, cts.Token);
        }
    }
}
