using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using Serverless.Core.Articles;
using Serverless.Core.Http;
using Serverless.Core.Runs;
using Serverless.Core.Storage;
using Serverless.Functions.Articles;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Functions;

/// <summary>The article functions called directly with real blobs on Azurite and a client of the real engine.</summary>
public sealed class ArticleFunctionTests : IAsyncLifetime
{
    EngineHarness harness = null!;

    ArticleFunctions Functions => new(
        harness.Get<RunsHttpApi>(), harness.Get<ArticleUploadHandler>(), harness.Get<AnalyzeArticleActivity>());

    DurableTaskClient Client => harness.Engine.Client;

    public async Task InitializeAsync() => harness = await EngineHarness.StartAsync(new SimulatorOptions());

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task An_upload_is_analysed_once_and_again_only_when_its_content_changes()
    {
        string name = ArticleFiles.NewPrefix() + "paper.txt";
        string text = await File.ReadAllTextAsync(ArticleFiles.Samples[0].FullName);
        BlobClient blob = await ArticleFiles.UploadAsync(name, text);

        await Functions.Uploaded(blob, Client, CancellationToken.None);
        List<OrchestrationMetadata> first = await RunsAsync();
        RunStatus done = await harness.WaitAsync(Assert.Single(first).InstanceId);
        ArticleResultsFolder results = await ArticleResultsFolder.ReadAsync(harness.Results, done.Id);
        Assert.Equal(name, Assert.Single(results.Articles).Article);
        Assert.NotEmpty(results.Articles[0].Terms);

        await ArticleFiles.UploadAsync(name, text);
        await Functions.Uploaded(blob, Client, CancellationToken.None);
        Assert.Equal([done.Id], (await RunsAsync()).Select(r => r.InstanceId));

        await ArticleFiles.UploadAsync(name, text + "\nA new paragraph on quantum error correction and surface codes.");
        await Functions.Uploaded(blob, Client, CancellationToken.None);
        List<OrchestrationMetadata> after = await RunsAsync();
        Assert.Equal(2, after.Count);
        Assert.All(after, r => Assert.StartsWith("article-", r.InstanceId));
        await harness.WaitAsync(after.Single(r => r.InstanceId != done.Id).InstanceId);
    }

    [Fact]
    public async Task Analyze_by_prefix_is_accepted_and_an_empty_prefix_is_a_400_naming_it()
    {
        string prefix = ArticleFiles.NewPrefix();
        await ArticleFiles.UploadSamplesAsync(prefix);

        var start = HttpCall.Request("POST", "/api/articles/analyze", $"{{\"prefix\":\"{prefix}\"}}");
        HttpCall.Response accepted = await HttpCall.RenderAsync(start, await Functions.Start(start, Client, CancellationToken.None));
        Assert.Equal(202, accepted.Status);
        Assert.Equal(ArticleFiles.Samples.Count, accepted.Json.GetProperty("total").GetInt32());
        RunStatus status = await harness.WaitAsync(accepted.Json.GetProperty("runId").GetString()!, TimeSpan.FromMinutes(5));
        Assert.Equal(ArticleFiles.Samples.Count, status.Succeeded);
        Assert.EndsWith("/terms.json", status.Results!.Terms);

        var empty = HttpCall.Request("POST", "/api/articles/analyze", "{\"prefix\":\"no/such/folder/\"}");
        HttpCall.Response refused = await HttpCall.RenderAsync(empty, await Functions.Start(empty, Client, CancellationToken.None));
        Assert.Equal(400, refused.Status);
        Assert.Equal("prefix", refused.Json.GetProperty("field").GetString());
        Assert.Single(await RunsAsync());
    }

    [Theory]
    [InlineData("", "body")]
    [InlineData("{", "body")]
    [InlineData("{}", "prefix")]
    [InlineData("{\"prefix\":3}", "prefix")]
    [InlineData("{\"prefix\":\"a/\",\"blobNames\":[\"x\"]}", "prefix")]
    [InlineData("{\"blobNames\":[]}", "blobNames")]
    [InlineData("{\"blobNames\":[\"a.txt\",7]}", "blobNames[1]")]
    public async Task Bad_analyze_requests_get_400_naming_the_field_and_start_nothing(string body, string field)
    {
        var request = HttpCall.Request("POST", "/api/articles/analyze", body);
        HttpCall.Response response = await HttpCall.RenderAsync(request, await Functions.Start(request, Client, CancellationToken.None));

        Assert.Equal(400, response.Status);
        Assert.Equal(field, response.Json.GetProperty("field").GetString());
        Assert.Empty(await RunsAsync());
    }

    async Task<List<OrchestrationMetadata>> RunsAsync()
    {
        var runs = new List<OrchestrationMetadata>();
        await foreach (OrchestrationMetadata run in Client.GetAllInstancesAsync(new OrchestrationQuery()))
        {
            runs.Add(run);
        }

        return runs;
    }
}
