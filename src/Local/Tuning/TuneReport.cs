using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Serverless.Simulator;

namespace Serverless.Local.Tuning;

/// <summary>Everything <c>tune</c> measured and recommends, as written to <c>tune.json</c>.</summary>
public sealed record TuneReport(
    DateTimeOffset MeasuredAt,
    string Os,
    CpuTopology Cpu,
    CpuSweepResult? CpuSweep,
    IoRampResult? IoRamp,
    SimulatorStats? Simulator,
    JsonObject HostJson,
    IReadOnlyDictionary<string, string> AppSettings,
    IReadOnlyList<string> Charts)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Json), cancellationToken);
    }
}
