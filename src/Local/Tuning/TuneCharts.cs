using ScottPlot;

namespace Serverless.Local.Tuning;

/// <summary>
/// One PNG per workload: throughput (left axis) and latency (right axis) against concurrency, the chosen level marked.
/// Rendered with ScottPlot on SkiaSharp, which needs no display, so it works on build agents and containers.
/// </summary>
public static class TuneCharts
{
    public const int Width = 900;
    public const int Height = 540;

    public static void WriteCpu(CpuSweepResult sweep, string cores, string path)
    {
        var plot = new Plot();
        double[] levels = sweep.Knee.Levels.Select(l => (double)l.Level).ToArray();
        var medians = plot.Add.Scatter(levels, sweep.Knee.Levels.Select(l => l.Throughput).ToArray());
        medians.LegendText = "documents/s (median)";
        medians.LineWidth = 2;
        medians.MarkerSize = 8;
        var runs = plot.Add.ScatterPoints(
            sweep.Runs.Select(r => (double)r.Workers).ToArray(), sweep.Runs.Select(r => r.DocumentsPerSecond).ToArray());
        runs.LegendText = "each repetition";
        runs.Color = medians.Color.WithAlpha(0.4);

        // What one document costs a worker: flat while workers have cores to themselves, rising once they share.
        var perDocument = plot.Add.Scatter(levels, sweep.Knee.Levels.Select(l => 1000 * l.Level / l.Throughput).ToArray());
        perDocument.LegendText = "ms per document per worker";
        perDocument.Axes.YAxis = plot.Axes.Right;
        perDocument.LinePattern = LinePattern.Dashed;

        Mark(plot, sweep.Knee.Level, $"knee: MaxWorkers {sweep.RecommendedMaxWorkers}", Colors.Green);
        plot.Title($"Terminology engine: throughput against workers ({cores})");
        plot.XLabel("workers");
        plot.YLabel("documents per second");
        plot.Axes.Right.Label.Text = "ms per document per worker";
        plot.Axes.SetLimitsY(0, sweep.Runs.Max(r => r.DocumentsPerSecond) * 1.15);
        plot.Axes.SetLimitsX(0.5, levels.Max() + 0.5);
        plot.Axes.SetLimitsY(0, sweep.Knee.Levels.Max(l => 1000 * l.Level / l.Throughput) * 1.2, plot.Axes.Right);
        Finish(plot, path);
    }

    public static void WriteIo(IoRampResult ramp, string path)
    {
        var plot = new Plot();
        // Bisection visits levels out of order; the chart reads left to right.
        IoStep[] steps = ramp.Steps.OrderBy(s => s.Concurrency).ToArray();
        double[] levels = steps.Select(s => (double)s.Concurrency).ToArray();
        // The line joins the levels the API took; a refused level's rate covers only the moments before the refusal.
        IoStep[] served = steps.Where(s => s.Verdict == IoVerdict.Good).ToArray();
        var throughput = plot.Add.Scatter(served.Select(s => (double)s.Concurrency).ToArray(), served.Select(s => s.Throughput).ToArray());
        throughput.LegendText = "requests/s served";
        throughput.LineWidth = 2;
        throughput.MarkerSize = 8;

        IoStep[] timed = steps.Where(s => s.P50Ms is not null).ToArray();
        if (timed.Length > 0)
        {
            double[] timedLevels = timed.Select(s => (double)s.Concurrency).ToArray();
            var p50 = plot.Add.Scatter(timedLevels, timed.Select(s => s.P50Ms!.Value).ToArray());
            p50.LegendText = "p50 latency (ms)";
            p50.Axes.YAxis = plot.Axes.Right;
            p50.LinePattern = LinePattern.Dashed;
            var p95 = plot.Add.Scatter(timedLevels, timed.Select(s => s.P95Ms!.Value).ToArray());
            p95.LegendText = "p95 latency (ms)";
            p95.Axes.YAxis = plot.Axes.Right;
            p95.LinePattern = LinePattern.Dotted;
            plot.Axes.SetLimitsY(0, timed.Max(s => s.P95Ms!.Value) * 1.2, plot.Axes.Right);
        }

        IoStep[] refused = steps.Where(s => s.Verdict != IoVerdict.Good).ToArray();
        if (refused.Length > 0)
        {
            var bad = plot.Add.ScatterPoints(refused.Select(s => (double)s.Concurrency).ToArray(), refused.Select(s => s.Throughput).ToArray());
            bad.LegendText = "too much (429, queueing, errors)";
            bad.Color = Colors.Red;
            bad.MarkerSize = 10;
            bad.MarkerShape = MarkerShape.Eks;
        }

        if (ramp.LastGoodConcurrency > 0)
        {
            Mark(plot, ramp.LastGoodConcurrency, $"last good: {ramp.LastGoodConcurrency}", Colors.Gray);
        }

        Mark(plot, ramp.RecommendedMaxConcurrency, $"MaxConcurrency {ramp.RecommendedMaxConcurrency}", Colors.Green);
        plot.Title($"User API {ramp.Api}: throughput and latency against concurrency");
        plot.XLabel("requests in flight");
        plot.YLabel("requests per second");
        plot.Axes.Right.Label.Text = "latency (ms)";
        plot.Axes.SetLimitsY(0, Math.Max(1, steps.Max(s => s.Throughput)) * 1.15);
        plot.Axes.SetLimitsX(0, levels.Max() + 1);
        Finish(plot, path);
    }

    static void Mark(Plot plot, int level, string label, Color color)
    {
        var line = plot.Add.VerticalLine(level);
        line.Color = color;
        line.LineWidth = 2;
        line.LinePattern = LinePattern.Dashed;
        line.LegendText = label;
    }

    static void Finish(Plot plot, string path)
    {
        // Workers and requests in flight come in whole numbers.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(Alignment.LowerRight);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        plot.SavePng(path, Width, Height);
    }
}
