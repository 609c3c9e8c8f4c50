using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Serverless.Core.Articles;
using Serverless.Core.Runs;
using Serverless.Tests.FunctionsHost;
using Xunit;

namespace Serverless.Tests.ScaleOut;

/// <summary>One instance of a scaled-out app: a Functions host process on its own port and keys folder, on the cluster's task hub.</summary>
public sealed class HostInstance(string name, FunctionsHostProcess process, Uri baseUrl, string functionKey) : IDisposable
{
    public const string ExecutedFetch = "Executed 'Functions.FetchUserBatchActivity'";
    public const string ExecutedAnalyze = "Executed 'Functions.AnalyzeArticleActivity'";

    /// <summary>The storage provider's lines (at Information) when this instance takes a control-queue partition: free, or from another.</summary>
    public const string LeaseAcquired = "Successfully acquired";
    public const string LeaseStolen = "Successfully stole";

    /// <summary>Control-queue partitions this instance took over its life (needs DurableTask.AzureStorage logging at Information).</summary>
    public int PartitionsTaken => Process.LogCount(LeaseAcquired) + Process.LogCount(LeaseStolen);

    public string Name { get; } = name;

    public FunctionsHostProcess Process { get; } = process;

    public Uri BaseUrl { get; } = baseUrl;

    public HttpClient Http { get; } = NewClient(baseUrl, functionKey);

    public bool Killed { get; private set; }

    /// <summary>Activities of <paramref name="executedLine"/>'s kind this instance ran (the host logs each invocation's end).</summary>
    public int Executions(string executedLine) => Process.LogCount(executedLine);

    /// <summary>
    /// The analyses running in this instance's worker as each one started, from the <see cref="AnalysisGate"/>'s own
    /// "Analysis started: N of M running in this instance" lines (worker logs, which the host prints).
    /// </summary>
    public IReadOnlyList<int> AnalysesRunningAtStart() =>
        Process.LogLines(AnalysisGate.StartedLog).Select(RunningCount).ToList();

    static int RunningCount(string startedLine)
    {
        int at = startedLine.IndexOf(AnalysisGate.StartedLog, StringComparison.Ordinal) + AnalysisGate.StartedLog.Length;
        return int.Parse(startedLine[at..].Split(' ')[0]);
    }

    /// <summary>The host logs "Job host started" a moment before Kestrel takes the port.</summary>
    public Task WaitUntilListeningAsync() => TestHostSetup.WaitUntilListeningAsync(BaseUrl.Port);

    public async Task<string> StartAsync(string route, object body)
    {
        using HttpResponseMessage response = await Http.PostAsJsonAsync(route, body);
        Assert.True(
            response.StatusCode == HttpStatusCode.Accepted,
            $"{Name} {route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
    }

    public async Task<RunStatus> ReadStatusAsync(string runId, CancellationToken cancellationToken = default)
    {
        using HttpResponseMessage response = await Http.GetAsync($"api/runs/{Uri.EscapeDataString(runId)}", cancellationToken);
        Assert.True(
            response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, // 202 while the run runs
            $"{Name} GET run {runId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        return (await response.Content.ReadFromJsonAsync<RunStatus>(JsonSerializerOptions.Web, cancellationToken))!;
    }

    /// <summary>SIGKILL to the host and its worker, as a crashed or evicted instance.</summary>
    public void Kill()
    {
        Killed = true;
        Process.KillHard();
    }

    public void Dispose()
    {
        Process.Dispose();
        Http.Dispose();
    }

    static HttpClient NewClient(Uri baseUrl, string key)
    {
        var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("x-functions-key", key);
        return http;
    }
}
