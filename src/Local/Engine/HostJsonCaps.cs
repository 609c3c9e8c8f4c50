using System.Text.Json.Nodes;

namespace Serverless.Local.Engine;

/// <summary>
/// The Durable engine's per-instance caps, read from the same host.json the Functions host reads
/// (<c>extensions.durableTask.maxConcurrent…Functions</c>), with the Functions host's environment override
/// (<c>AzureFunctionsJobHost__extensions__durableTask__…</c>) taking precedence.
/// </summary>
public sealed record HostJsonCaps(int MaxConcurrentActivityFunctions, int MaxConcurrentOrchestratorFunctions)
{
    public static readonly HostJsonCaps Defaults = new(100, 20);
    const string EnvPrefix = "AzureFunctionsJobHost__extensions__durableTask__";

    public static HostJsonCaps Load(string? path = null, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        path ??= Path.Combine(AppContext.BaseDirectory, "host.json");
        JsonNode? durable = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))?["extensions"]?["durableTask"] : null;
        return new HostJsonCaps(
            Read("maxConcurrentActivityFunctions", Defaults.MaxConcurrentActivityFunctions),
            Read("maxConcurrentOrchestratorFunctions", Defaults.MaxConcurrentOrchestratorFunctions));

        int Read(string name, int fallback)
        {
            string? overridden = environment(EnvPrefix + name);
            int value = overridden is not null && int.TryParse(overridden, out int parsed) ? parsed
                : durable?[name] is JsonValue v && v.TryGetValue(out int fromFile) ? fromFile
                : fallback;
            return value > 0 ? value : throw new InvalidOperationException(
                $"host.json extensions.durableTask.{name} must be positive; it is {value}.");
        }
    }
}
