using System.Text.Json;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Functions;

/// <summary>The metadata the Functions host indexes, as the worker SDK generated it at build time.</summary>
public sealed class FunctionsMetadataTests
{
    static readonly JsonElement[] Functions = Load();

    static JsonElement[] Load()
    {
        string path = Path.Combine(RepoPaths.Root, "src", "Functions", "bin", RepoPaths.Configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: build src/Functions first");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.EnumerateArray().ToArray();
    }

    static JsonElement Trigger(string function) =>
        Functions.Single(f => f.GetProperty("name").GetString() == function).GetProperty("bindings").EnumerateArray()
            .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    [Theory]
    [InlineData("StartUserFetch", "post", "users/fetch")]
    [InlineData("GetRun", "get", "runs/{id}")]
    [InlineData("StartArticleAnalysis", "post", "articles/analyze")]
    [InlineData("GetRunView", "get", "runs/{id}/view")]
    [InlineData("GetRunFailures", "get", "runs/{id}/failures")]
    [InlineData("GetRunFile", "get", "runs/{id}/files/{file}")]
    [InlineData("CancelRun", "post", "runs/{id}/cancel")]
    [InlineData("RedriveRun", "post", "runs/{id}/redrive")]
    public void Http_triggers_require_a_function_key(string function, string method, string route)
    {
        JsonElement trigger = Trigger(function);
        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("Function", trigger.GetProperty("authLevel").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
    }

    /// <summary>
    /// The runner's <c>serve</c> maps <see cref="Core.Http.RunRoutes.All"/>; the Functions app must have exactly those HTTP routes.
    /// </summary>
    [Fact]
    public void Http_triggers_are_the_route_table()
    {
        var triggers = Functions
            .Select(f => (
                Name: f.GetProperty("name").GetString()!,
                Trigger: f.GetProperty("bindings").EnumerateArray().FirstOrDefault(b => b.GetProperty("type").GetString() == "httpTrigger")))
            .Where(f => f.Trigger.ValueKind == JsonValueKind.Object)
            .Select(f => (f.Name, Method: f.Trigger.GetProperty("methods")[0].GetString()!, Template: f.Trigger.GetProperty("route").GetString()!))
            .Order()
            .ToList();
        Assert.Equal(Core.Http.RunRoutes.All.Select(r => (r.Name, r.Method, r.Template)).Order(), triggers);
    }

    /// <summary>Every orchestrator and activity in Core, by the type name Core schedules it by.</summary>
    public static TheoryData<string, string> CoreTasks()
    {
        var tasks = new TheoryData<string, string>();
        foreach (Type type in typeof(Core.Hosting.ServerlessTasks).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            for (Type? b = type.BaseType; b is not null; b = b.BaseType)
            {
                if (b.IsGenericType && b.GetGenericTypeDefinition() == typeof(Microsoft.DurableTask.TaskOrchestrator<,>))
                {
                    tasks.Add(type.Name, "orchestrationTrigger");
                }
                else if (b.IsGenericType && b.GetGenericTypeDefinition() == typeof(Microsoft.DurableTask.TaskActivity<,>))
                {
                    tasks.Add(type.Name, "activityTrigger");
                }
            }
        }

        return tasks;
    }

    [Theory]
    [MemberData(nameof(CoreTasks))]
    [InlineData("ArticleUploaded", "blobTrigger")]
    public void Durable_functions_carry_the_names_Core_schedules_them_by(string function, string trigger) =>
        Assert.Equal(trigger, Trigger(function).GetProperty("type").GetString());

    [Fact]
    public void Core_has_the_tasks_the_runs_are_made_of() =>
        Assert.Superset(
            new HashSet<string>
            {
                "UserFetchOrchestrator",
                "UserFetchChunkOrchestrator",
                "FetchUserBatchActivity",
                "ArticleRunOrchestrator",
                "ArticleChunkOrchestrator",
                "AnalyzeArticleActivity",
                "ReadChunkItemsActivity",
                "WriteRunResultsActivity",
                "ApiLimiterOrchestrator",
            },
            CoreTasks().Select(row => (string)row[0]).ToHashSet());

    /// <summary>Flex Consumption has no polling blob trigger: uploads arrive through the Event Grid subscription infra/bicep creates.</summary>
    [Fact]
    public void The_upload_trigger_listens_to_Event_Grid_on_the_articles_container()
    {
        JsonElement trigger = Trigger("ArticleUploaded");
        Assert.Equal("EventGrid", trigger.GetProperty("source").GetString());
        Assert.Equal("articles/{name}", trigger.GetProperty("path").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
    }
}
