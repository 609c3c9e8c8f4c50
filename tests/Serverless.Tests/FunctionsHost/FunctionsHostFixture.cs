using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Serverless.Core.Articles;
using Serverless.Core.Runs;
using Serverless.Core.Storage;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.FunctionsHost;

/// <summary>
/// The built Functions app under a real Functions host process (its own port, keys and task hub) on the shared Azurite,
/// calling a simulator over loopback: one host for the whole collection, restarted only by the test that kills it.
/// </summary>
public sealed class FunctionsHostFixture : IAsyncLifetime
{
    public const int MaxConcurrency = 20;
    static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    readonly string secrets = Path.Combine(Path.GetTempPath(), "serverless-functions-host", Guid.NewGuid().ToString("N"));
    Dictionary<string, string> settings = [];

    public ApiSimulator Simulator { get; private set; } = null!;

    public FunctionsHostProcess Host { get; private set; } = null!;

    public string TaskHub { get; } = Azurite.NewTaskHub("h");

    public string FunctionKey { get; } = TestHostSetup.NewKey();

    public string BlobsExtensionKey { get; } = TestHostSetup.NewKey();

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Sends the function key on every request.</summary>
    public HttpClient Http { get; private set; } = null!;

    public BlobResultStore Results { get; } = new(new BlobServiceClient(Azurite.ConnectionString));

    /// <summary>Every start's console, kept with the test results.</summary>
    public string LogFile { get; } = Path.Combine(RepoPaths.Root, "artifacts", "test-results", "functions-host.log");

    public async Task InitializeAsync()
    {
        if (FunctionsHostLocation.Missing is not null)
        {
            return;
        }

        Azurite.EnsureRunning();
        if (!File.Exists(Path.Combine(FunctionsHostLocation.App, "functions.metadata")))
        {
            throw new InvalidOperationException($"The Functions app is not built at {FunctionsHostLocation.App}: run `dotnet build " +
                $"src/Functions -c Release` (scripts/test.sh does).");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(LogFile)!);
        File.Delete(LogFile);
        Simulator = await ApiSimulator.StartAsync(new SimulatorOptions { LatencyMs = 200, ConcurrencyLimit = MaxConcurrency });
        int port = TestHostSetup.FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        Http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Add("x-functions-key", FunctionKey);
        TestHostSetup.WriteKeys(secrets, port, FunctionKey, BlobsExtensionKey);
        settings = TestHostSetup.Settings(port, secrets, TaskHub, Simulator.BaseUrl, MaxConcurrency);
        await StartHostAsync();
    }

    /// <summary>Starts the host again with the same port, keys and task hub (after <see cref="FunctionsHostProcess.KillHard"/>).</summary>
    public async Task StartHostAsync()
    {
        Host?.Dispose();
        Host = FunctionsHostProcess.Start(BaseUrl.Port, settings, LogFile);
        await Host.WaitUntilStartedAsync(StartTimeout);
        // The host logs "Job host started" a moment before Kestrel takes the port.
        await TestHostSetup.WaitUntilListeningAsync(BaseUrl.Port);
    }

    public async Task<string> StartUserFetchAsync(object body)
    {
        using HttpResponseMessage response = await Http.PostAsJsonAsync("api/users/fetch", body);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
    }

    public async Task<RunStatus> ReadStatusAsync(string runId, CancellationToken cancellationToken = default) =>
        await TryReadStatusAsync(runId, cancellationToken) ?? throw new InvalidOperationException($"GET run {runId}: 404");

    /// <summary>The run's status, or null while the host answers 404 for it.</summary>
    public async Task<RunStatus?> TryReadStatusAsync(string runId, CancellationToken cancellationToken = default)
    {
        using HttpResponseMessage response = await Http.GetAsync($"api/runs/{Uri.EscapeDataString(runId)}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        Assert.True(
            response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, // 202 while the run runs
            $"GET run {runId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        return (await response.Content.ReadFromJsonAsync<RunStatus>(JsonSerializerOptions.Web, cancellationToken))!;
    }

    /// <summary>
    /// Polls <c>GET /api/runs/{id}</c> until the run has finished; a 404 counts as not started yet (the blob webhook
    /// answers before the upload function has run).
    /// </summary>
    public async Task<RunStatus> WaitAsync(string runId, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            RunStatus? status = await TryReadStatusAsync(runId, cts.Token);
            if (status is { IsFinished: true })
            {
                return status;
            }

            await Task.Delay(250, cts.Token);
        }
    }

    /// <summary>What Event Grid does for a BlobCreated event in Azure: POSTs it to the host's blobs extension webhook.</summary>
    public async Task<HttpResponseMessage> DeliverBlobCreatedAsync(BlobClient blob)
    {
        BlobProperties properties = await blob.GetPropertiesAsync();
        object[] events =
        [
            new
            {
                id = Guid.NewGuid().ToString(),
                eventType = "Microsoft.Storage.BlobCreated",
                subject = $"/blobServices/default/containers/{blob.BlobContainerName}/blobs/{blob.Name}",
                eventTime = DateTimeOffset.UtcNow,
                dataVersion = "",
                metadataVersion = "1",
                topic = "/subscriptions/local/resourceGroups/local/providers/Microsoft.Storage/storageAccounts/devstoreaccount1",
                data = new
                {
                    api = "PutBlob",
                    url = blob.Uri.ToString(),
                    contentType = properties.ContentType,
                    contentLength = properties.ContentLength,
                    blobType = "BlockBlob",
                },
            },
        ];
        using var request = new HttpRequestMessage(
            HttpMethod.Post, $"runtime/webhooks/blobs?functionName=Host.Functions.ArticleUploaded&code={Uri.EscapeDataString(BlobsExtensionKey)}")
        {
            Content = JsonContent.Create(events),
        };
        request.Headers.Add("aeg-event-type", "Notification");
        // Without the function key header: the host would take that over ?code= and refuse it (403) for a system route.
        using var eventGrid = new HttpClient { BaseAddress = BaseUrl };
        return await eventGrid.SendAsync(request);
    }

    /// <summary>The run an upload starts: named by the blob's name and content hash, as <see cref="ArticleUploadHandler"/> names it.</summary>
    public static async Task<string> UploadRunIdAsync(BlobClient blob)
    {
        BlobProperties properties = await blob.GetPropertiesAsync();
        string hash = properties.ContentHash is { Length: > 0 } md5
            ? Convert.ToHexStringLower(md5)
            : Convert.ToHexStringLower(SHA256.HashData((await blob.DownloadContentAsync()).Value.Content.ToArray()));
        return ArticleRunStarter.UploadRunId(blob.Name, hash);
    }

    public async Task DisposeAsync()
    {
        Host?.Dispose();
        Http?.Dispose();
        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }

        if (Directory.Exists(secrets))
        {
            Directory.Delete(secrets, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class FunctionsHostCollection : ICollectionFixture<FunctionsHostFixture>
{
    public const string Name = "FunctionsHost";
}
