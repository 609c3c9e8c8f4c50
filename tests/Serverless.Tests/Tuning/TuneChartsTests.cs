using System.Buffers.Binary;
using Serverless.Local.Tuning;
using Xunit;

namespace Serverless.Tests.Tuning;

public sealed class TuneChartsTests : IDisposable
{
    readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("tune-charts-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void Cpu_chart_is_a_png_of_the_documented_size()
    {
        var runs = new List<CpuRun>();
        foreach (int workers in Enumerable.Range(1, 8))
        {
            double ideal = 10 * Math.Min(workers, 4) + 0.5 * Math.Max(0, workers - 4);
            runs.AddRange(new[] { 0.97, 1.0, 1.02 }.Select((f, rep) => new CpuRun(workers, rep + 1, 48 / (ideal * f), ideal * f)));
        }

        Knee knee = KneeFinder.Find(runs.Select(r => new ThroughputSample(r.Workers, r.DocumentsPerSecond)));
        string path = Path.Combine(folder.FullName, "cpu.png");

        TuneCharts.WriteCpu(new CpuSweepResult(48, 7200, 3, runs, knee), "8 logical, 4 physical cores", path);

        AssertPng(path);
    }

    [Fact]
    public void Io_chart_is_a_png_of_the_documented_size()
    {
        IoStep Step(int c, IoVerdict verdict) => new(
            c, c * 10, verdict == IoVerdict.Good ? c * 10 : c, verdict == IoVerdict.Throttled ? c - 12 : 0, 0, 0, 0.5,
            verdict == IoVerdict.Good ? c * 20 : 200, 50, 55, verdict == IoVerdict.Throttled ? 3 : null, null, verdict);
        IoStep[] steps = [Step(1, IoVerdict.Good), Step(2, IoVerdict.Good), Step(4, IoVerdict.Good), Step(8, IoVerdict.Good),
            Step(16, IoVerdict.Throttled), Step(12, IoVerdict.Good), Step(14, IoVerdict.Throttled), Step(13, IoVerdict.Throttled)];
        var ramp = new IoRampResult(new Uri("http://127.0.0.1:5080/"), steps, 12, IoVerdict.Throttled, false, 11, null, "test");
        string path = Path.Combine(folder.FullName, "io.png");

        TuneCharts.WriteIo(ramp, path);

        AssertPng(path);
    }

    /// <summary>
    /// PNG signature, an IHDR chunk first with the size we asked for, and enough bytes to hold a drawn chart (a blank one compresses to far
    /// less).
    /// </summary>
    static void AssertPng(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(TuneCharts.Width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(TuneCharts.Height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        Assert.InRange(bytes.Length, 10_000, 2_000_000);
        Assert.Equal("IEND", System.Text.Encoding.ASCII.GetString(bytes, bytes.Length - 8, 4));
    }
}
