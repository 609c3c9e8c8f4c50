using System.Text.Json;
using Serverless.Core.Terminology;
using Serverless.Local.Commands;
using Serverless.Tests.Infrastructure;
using Serverless.Tests.Simulator;
using Xunit;

namespace Serverless.Tests.Tuning;

/// <summary>
/// The whole command once, kept short: a stand-in extractor (the sweep's plumbing, not the model's speed, is under
/// test), two workers, one pass, and the bundled simulator with a limit of 6 and short steps.
/// </summary>
[Collection(SimulatorCollection.Name)]
public sealed class TuneCommandTests : IDisposable
{
    readonly DirectoryInfo outDirectory = Directory.CreateTempSubdirectory("tune-command-");

    public void Dispose() => outDirectory.Delete(recursive: true);

    [Fact]
    public async Task Writes_json_charts_and_a_snippet_matching_its_recommendations()
    {
        var extractor = new CountingExtractor();
        int code = await TuneCommand.Create(() => extractor).Parse([
            "--quick", "--out", outDirectory.FullName, "--articles", Path.Combine(RepoPaths.Root, "samples", "articles"),
            "--documents", "4", "--max-workers", "2", "--step-seconds", "0.3", "--sim-latency-ms", "30", "--sim-limit", "6",
        ]).InvokeAsync();

        Assert.Equal(0, code);
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDirectory.FullName, "tune.json")));
        JsonElement root = report.RootElement;

        JsonElement sweep = root.GetProperty("cpuSweep");
        Assert.Equal(4, sweep.GetProperty("documents").GetInt32());
        Assert.Equal([1, 2], sweep.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("workers").GetInt32()));
        int workers = sweep.GetProperty("recommendedMaxWorkers").GetInt32();
        Assert.InRange(workers, 1, 2);
        // Warm-up plus one pass per worker count over the 4 documents.
        Assert.Equal(1 + 2 * 4, extractor.Calls);

        JsonElement ramp = root.GetProperty("ioRamp");
        int concurrency = ramp.GetProperty("recommendedMaxConcurrency").GetInt32();
        Assert.InRange(concurrency, 5, 7); // 6 ± 20 %
        Assert.Equal(0, root.GetProperty("simulator").GetProperty("banCount").GetInt64());

        JsonElement settings = root.GetProperty("appSettings");
        Assert.Equal(workers.ToString(), settings.GetProperty("Articles__MaxWorkers").GetString());
        Assert.Equal(concurrency.ToString(), settings.GetProperty("UserApi__MaxConcurrency").GetString());
        JsonElement durableTask = root.GetProperty("hostJson").GetProperty("extensions").GetProperty("durableTask");
        Assert.True(durableTask.GetProperty("maxConcurrentActivityFunctions").GetInt32() >= concurrency + workers);

        string[] charts = root.GetProperty("charts").EnumerateArray().Select(c => c.GetString()!).ToArray();
        Assert.Equal(["cpu.png", "io.png"], charts.Select(Path.GetFileName));
        Assert.All(charts, c => Assert.True(new FileInfo(c).Length > 10_000, c));
    }

    [Fact]
    public async Task Cpu_only_and_io_only_together_are_refused()
    {
        int code = await TuneCommand.Create(() => new CountingExtractor())
            .Parse(["--cpu-only", "--io-only", "--out", outDirectory.FullName]).InvokeAsync();

        Assert.NotEqual(0, code);
        Assert.False(File.Exists(Path.Combine(outDirectory.FullName, "tune.json")));
    }

    /// <summary>Thread-safe, model-free: burns a little CPU per word so workers have something to share.</summary>
    sealed class CountingExtractor : ITerminologyExtractor
    {
        int calls;

        public int Calls => Volatile.Read(ref calls);

        public TermExtraction Extract(string text, int top)
        {
            Interlocked.Increment(ref calls);
            int hash = 0;
            foreach (string word in text.Split(' '))
            {
                hash ^= word.GetHashCode(StringComparison.Ordinal);
            }

            return new TermExtraction([], hash == int.MinValue ? 0 : text.Length, 1);
        }
    }
}
