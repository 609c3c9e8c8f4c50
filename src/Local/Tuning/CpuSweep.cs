using Serverless.Core.Terminology;

namespace Serverless.Local.Tuning;

/// <summary>One timed pass of the engine over the whole sample.</summary>
public sealed record CpuRun(int Workers, int Repetition, double Seconds, double DocumentsPerSecond);

/// <summary>What the CPU sweep measured and the worker cap it recommends.</summary>
public sealed record CpuSweepResult(int Documents, long Words, int Repetitions, IReadOnlyList<CpuRun> Runs, Knee Knee)
{
    /// <summary><c>Articles:MaxWorkers</c>: the knee, where one more concurrent analysis stops paying.</summary>
    public int RecommendedMaxWorkers => Knee.Level;
}

/// <summary>
/// Runs the terminology engine over a fixed sample with 1, 2, … <c>maxWorkers</c> workers, each level
/// <c>repetitions</c> times, and finds the knee of documents per second against workers. The levels are
/// interleaved per repetition (1..N, then 1..N again) so a slow spell on a shared machine smears over all levels
/// instead of sinking one of them.
/// </summary>
public sealed class CpuSweep(ITerminologyExtractor extractor, IReadOnlyList<string> texts)
{
    public CpuSweepResult Run(int maxWorkers, int repetitions, Action<CpuRun>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWorkers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        if (texts.Count == 0)
        {
            throw new InvalidOperationException("the CPU sweep needs at least one document");
        }

        extractor.Extract(texts[0], 10); // loads the model once, outside every measure
        var runs = new List<CpuRun>();
        for (int repetition = 1; repetition <= repetitions; repetition++)
        {
            for (int workers = 1; workers <= maxWorkers; workers++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                double seconds = EngineTimer.Seconds(extractor, texts, workers);
                var run = new CpuRun(workers, repetition, seconds, texts.Count / seconds);
                runs.Add(run);
                progress?.Invoke(run);
            }
        }

        Knee knee = KneeFinder.Find(runs.Select(r => new ThroughputSample(r.Workers, r.DocumentsPerSecond)));
        long words = texts.Sum(t => (long)t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length);
        return new CpuSweepResult(texts.Count, words, repetitions, runs, knee);
    }
}
