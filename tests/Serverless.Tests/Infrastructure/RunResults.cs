using System.Text.Json;
using Serverless.Core.Runs;
using Serverless.Core.Storage;
using Serverless.Core.Users;

namespace Serverless.Tests.Infrastructure;

/// <summary>A finished run's folder, read back from Blob Storage.</summary>
public sealed record RunResults(RunManifest Manifest, IReadOnlyList<JsonElement> Users, IReadOnlyList<FailedUser> Failed)
{
    public static async Task<RunResults> ReadAsync(BlobResultStore store, RunFiles files)
    {
        string runId = files.Manifest.Split('/')[0];
        RunManifest manifest = await store.ReadManifestAsync(files.Container, runId) ?? throw new InvalidOperationException(
            "no manifest for " + runId);
        string users = await store.ReadTextAsync(files.Container, files.Succeeded);
        string failed = await store.ReadTextAsync(files.Container, files.Failed);
        return new RunResults(
            manifest,
            Lines(users).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList(),
            Lines(failed).Select(l => JsonSerializer.Deserialize<FailedUser>(l, BlobResultStore.Json)!).ToList());
    }

    public IReadOnlyList<int> UserIds => Users.Select(u => u.GetProperty("id").GetInt32()).ToList();

    static IEnumerable<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
