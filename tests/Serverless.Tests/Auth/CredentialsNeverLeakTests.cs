using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Serverless.Core.Runs;
using Serverless.Core.Storage;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Serverless.Tests.Auth;

/// <summary>
/// A run per auth mode on the runner (a separate process, the real engine on Azurite) against the simulator, plus one with a
/// wrong key: every run does what its credentials allow, and no secret shows in the runner's output, a blob the run wrote,
/// the run's status or the task hub's history and instances tables.
/// </summary>
public sealed class CredentialsNeverLeakTests(ITestOutputHelper output)
{
    const int Users = 12;

    sealed record Case(string Name, AuthSimulator Auth, string? SentSecret)
    {
        public IEnumerable<string> Secrets => SentSecret is null ? [Auth.Secret] : [Auth.Secret, SentSecret];
    }

    [Fact]
    public async Task Runs_in_every_mode_succeed_and_a_wrong_key_fails_with_401_and_no_secret_is_written_anywhere()
    {
        Azurite.EnsureRunning();
        List<Case> cases = AuthSimulator.Modes.Select(m => new Case(m, AuthSimulator.For(m), null)).ToList();
        cases.Add(new Case("wrong ApiKey", AuthSimulator.For("ApiKey"), AuthSimulator.For("ApiKey").Secret));

        await Task.WhenAll(cases.Select(RunAndScanAsync));
    }

    async Task RunAndScanAsync(Case test)
    {
        await using ApiSimulator api = await ApiSimulator.StartAsync(test.Auth.Apply(new SimulatorOptions { LatencyMs = 5 }));
        string hub = Azurite.NewTaskHub("k");
        using RunnerProcess runner = RunnerProcess.Start(
            test.Auth.Environment(api, test.SentSecret),
            "users", "--count", $"{Users}", "--json", "--task-hub", hub, "--api", api.BaseUrl.ToString().TrimEnd('/'));
        List<string> lines = await runner.ReadAllLinesAsync(TimeSpan.FromMinutes(3));
        await runner.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var texts = new List<(string Where, string Text)> { ("stdout", string.Join('\n', lines)), ("stderr", runner.StandardError) };
        output.WriteLine($"{test.Name}: {string.Join('\n', lines)}\n{runner.StandardError}");

        JsonElement run = lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).Last(e => e.GetProperty("event").GetString() == "finished");
        string runId = run.GetProperty("runId").GetString()!;
        RunFiles files = run.GetProperty("results").Deserialize<RunFiles>(BlobResultStore.Json)!;
        var store = new BlobResultStore(new BlobServiceClient(Azurite.ConnectionString));
        RunResults results = await RunResults.ReadAsync(store, files);
        if (test.SentSecret is null)
        {
            Assert.Equal(Users, results.Manifest.Succeeded);
            Assert.Equal(0, api.Snapshot().Unauthorized);
        }
        else
        {
            Assert.Equal(Users, results.Failed.Count);
            Assert.All(results.Failed, f => Assert.Contains("unauthorized (401)", f.Reason));
        }

        using RunnerProcess show = RunnerProcess.Start("runs", "show", runId, "--json", "--task-hub", hub);
        List<string> status = await show.ReadAllLinesAsync(TimeSpan.FromMinutes(1));
        await show.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(runId, string.Join('\n', status));
        texts.Add(("runs show", string.Join('\n', status) + show.StandardError));

        texts.AddRange(await BlobsAsync(files.Container, name => name.Contains(runId, StringComparison.Ordinal)));
        texts.AddRange(await BlobsAsync(hub.ToLowerInvariant(), _ => true, byPrefix: true));
        texts.AddRange(await TablesAsync(hub));
        Assert.Contains(texts, t => t.Where.StartsWith("table ", StringComparison.Ordinal) && t.Where.EndsWith("History", StringComparison.Ordinal));

        foreach ((string where, string text) in texts)
        {
            foreach (string secret in test.Secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{test.Name}: a secret shows in {where}");
            }
        }
    }

    static async Task<List<(string, string)>> BlobsAsync(string container, Func<string, bool> wanted, bool byPrefix = false)
    {
        var service = new BlobServiceClient(Azurite.ConnectionString);
        var found = new List<(string, string)>();
        List<string> containers = [];
        await foreach (BlobContainerItem item in service.GetBlobContainersAsync(prefix: byPrefix ? container : null))
        {
            if (byPrefix || item.Name == container)
            {
                containers.Add(item.Name);
            }
        }

        foreach (string name in containers)
        {
            BlobContainerClient client = service.GetBlobContainerClient(name);
            await foreach (BlobItem blob in client.GetBlobsAsync())
            {
                if (wanted(blob.Name))
                {
                    byte[] content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
                    found.Add(($"blob {name}/{blob.Name}", Encoding.UTF8.GetString(content)));
                }
            }
        }

        return found;
    }

    static async Task<List<(string, string)>> TablesAsync(string hub)
    {
        var service = new TableServiceClient(Azurite.ConnectionString);
        var found = new List<(string, string)>();
        foreach (string table in new[] { hub + "History", hub + "Instances" })
        {
            var text = new StringBuilder();
            await foreach (TableEntity entity in service.GetTableClient(table).QueryAsync<TableEntity>())
            {
                foreach ((string key, object value) in entity)
                {
                    text.Append(key).Append('=').Append(value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value?.ToString()).Append('\n');
                }
            }

            found.Add(($"table {table}", text.ToString()));
        }

        return found;
    }
}
