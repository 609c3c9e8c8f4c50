using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Serverless.Core.Articles;
using Serverless.Core.Runs;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.FunctionsHost;

/// <summary>Article uploads through the host's Event Grid blob trigger webhook, and analysis by prefix over HTTP.</summary>
[Collection(FunctionsHostCollection.Name)]
public sealed class HostArticleTests(FunctionsHostFixture host)
{
    [FunctionsHostFact]
    public async Task Delivered_uploads_are_analysed_bad_ones_recorded_and_a_redelivery_is_not_analysed_again()
    {
        string prefix = ArticleFiles.NewPrefix();
        List<BlobClient> good = [];
        foreach (FileInfo file in ArticleFiles.Samples.Take(3))
        {
            good.Add(await ArticleFiles.UploadAsync(prefix + file.Name, await File.ReadAllBytesAsync(file.FullName)));
        }

        var bad = new Dictionary<BlobClient, string>
        {
            [await ArticleFiles.UploadAsync(prefix + "empty.txt", [])] = "empty",
            [await ArticleFiles.UploadAsync(prefix + "image.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D])] = "binary",
        };

        foreach (BlobClient blob in good.Concat(bad.Keys))
        {
            using HttpResponseMessage delivered = await host.DeliverBlobCreatedAsync(blob);
            Assert.True(delivered.IsSuccessStatusCode, $"{blob.Name}: {(int)delivered.StatusCode} {await delivered.Content.ReadAsStringAsync()}");
        }

        foreach (BlobClient blob in good)
        {
            RunStatus status = await host.WaitAsync(await FunctionsHostFixture.UploadRunIdAsync(blob));
            ArticleResultsFolder results = await ArticleResultsFolder.ReadAsync(host.Results, status.Id);
            Assert.Equal(("Completed", 1, 0), (status.Status, status.Succeeded, status.Failed));
            Assert.Equal(blob.Name, Assert.Single(results.Articles).Article);
            Assert.NotEmpty(results.Articles[0].Terms);
        }

        foreach ((BlobClient blob, string reason) in bad)
        {
            RunStatus status = await host.WaitAsync(await FunctionsHostFixture.UploadRunIdAsync(blob));
            ArticleResultsFolder results = await ArticleResultsFolder.ReadAsync(host.Results, status.Id);
            Assert.Equal(("Completed", 0, 1), (status.Status, status.Succeeded, status.Failed));
            Assert.Contains(reason, results.ReasonFor(blob.Name));
        }

        // Event Grid delivers at least once: the same content again finds its run and starts nothing.
        BlobClient again = good[0];
        string runId = await FunctionsHostFixture.UploadRunIdAsync(again);
        RunStatus before = await host.ReadStatusAsync(runId);
        using HttpResponseMessage redelivered = await host.DeliverBlobCreatedAsync(again);
        Assert.True(redelivered.IsSuccessStatusCode);
        // The upload function looked the run up a second time, and started it only the first time (the host's Durable client log).
        await WaitForLogCountAsync($"Client operation 'GetInstance' received for instance '{runId}'", 2);
        Assert.Equal(1, host.Host.LogCount($"Client operation 'StartOrchestration' received for instance '{runId}'"));
        RunStatus after = await host.ReadStatusAsync(runId);
        Assert.Equal((before.CreatedAt, before.LastUpdatedAt, "Completed"), (after.CreatedAt, after.LastUpdatedAt, after.Status));
    }

    [FunctionsHostFact]
    public async Task Analyze_by_prefix_runs_every_article_under_it()
    {
        string prefix = ArticleFiles.NewPrefix();
        List<string> names = [];
        foreach (FileInfo file in ArticleFiles.Samples.Skip(3).Take(3))
        {
            names.Add((await ArticleFiles.UploadAsync(prefix + file.Name, await File.ReadAllBytesAsync(file.FullName))).Name);
        }

        await ArticleFiles.UploadAsync(prefix + "blank.txt", " \n\t ");

        using HttpResponseMessage accepted = await host.Http.PostAsJsonAsync("api/articles/analyze", new { prefix });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        JsonElement body = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(names.Count + 1, body.GetProperty("total").GetInt32());

        RunStatus status = await host.WaitAsync(body.GetProperty("runId").GetString()!, TimeSpan.FromMinutes(3));
        ArticleResultsFolder results = await ArticleResultsFolder.ReadAsync(host.Results, status.Id);
        Assert.Equal(("Completed", names.Count, 1), (status.Status, status.Succeeded, status.Failed));
        Assert.Equal(names.Order(StringComparer.Ordinal), results.Articles.Select(a => a.Article).Order(StringComparer.Ordinal));
        Assert.Contains("only whitespace", results.ReasonFor(prefix + "blank.txt"));
        Assert.NotEmpty(results.Terms);
        // The host's status answer names the corpus's best terms (what the status page lists): the head of the terms file.
        Assert.Equal(results.Terms.Take(TopTerm.Shown).Select(t => new TopTerm(t.Term, t.DocumentFrequency)), status.TopTerms!);
    }

    async Task WaitForLogCountAsync(string text, int count)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (host.Host.LogCount(text) < count)
        {
            await Task.Delay(100, cts.Token);
        }
    }
}
