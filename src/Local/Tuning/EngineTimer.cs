using System.Diagnostics;
using Serverless.Core.Terminology;

namespace Serverless.Local.Tuning;

/// <summary>
/// The terminology engine run bare over a set of texts with a fixed number of workers, timed; shared by
/// <c>bench-nlp</c> and <c>tune</c> so both measure the same thing the same way.
/// </summary>
public static class EngineTimer
{
    /// <summary>
    /// Wall-clock seconds for <paramref name="workers"/> workers to extract the top terms of every text once, handed to the
    /// engine in the groups an article batch uses (<see cref="ExtractionGroups"/>).
    /// </summary>
    public static double Seconds(ITerminologyExtractor extractor, IReadOnlyList<string> texts, int workers, int top = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        return Time(() => Parallel.ForEach(
            ExtractionGroups.Split(texts.Count, workers),
            new ParallelOptions { MaxDegreeOfParallelism = workers },
            group => extractor.ExtractAll(texts.Take(group).ToList(), top)));
    }

    /// <summary>Median of <paramref name="runs"/> timings: one slow run (GC, a neighbour's build) does not move it.</summary>
    public static double MedianSeconds(int runs, Action measure) =>
        Median(Enumerable.Range(0, Math.Max(1, runs)).Select(_ => Time(measure)).ToList());

    public static async Task<double> MedianSecondsAsync(int runs, Func<Task> measure)
    {
        var seconds = new List<double>();
        for (int i = 0; i < Math.Max(1, runs); i++)
        {
            var clock = Stopwatch.StartNew();
            await measure();
            seconds.Add(clock.Elapsed.TotalSeconds);
        }

        return Median(seconds);
    }

    /// <summary>The middle value; for an even count the upper middle, as bench-nlp has always reported.</summary>
    public static double Median(IReadOnlyCollection<double> values) =>
        values.Count == 0 ? throw new ArgumentException("no values", nameof(values)) : values.Order().ElementAt(values.Count / 2);

    static double Time(Action measure)
    {
        var clock = Stopwatch.StartNew();
        measure();
        return clock.Elapsed.TotalSeconds;
    }
}
