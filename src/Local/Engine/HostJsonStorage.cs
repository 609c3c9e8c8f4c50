using System.Globalization;
using System.Text.Json.Nodes;

namespace Serverless.Local.Engine;

/// <summary>
/// The Azure Storage provider's queue settings, read from the host.json the Functions host reads
/// (<c>extensions.durableTask.storageProvider</c>, overridable by <c>AzureFunctionsJobHost__extensions__durableTask__storageProvider__…</c>),
/// so the runner's engine polls, hides and partitions its queues the way the host does. Missing values are the provider's own
/// defaults.
/// </summary>
public sealed record HostJsonStorage(
    TimeSpan MaxQueuePollingInterval,
    TimeSpan ControlQueueVisibilityTimeout,
    TimeSpan WorkItemQueueVisibilityTimeout,
    int PartitionCount,
    int ControlQueueBatchSize)
{
    public static readonly HostJsonStorage ProviderDefaults = new(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5), 4, 32);
    public const string EnvPrefix = "AzureFunctionsJobHost__extensions__durableTask__storageProvider__";
    public const string PollingIntervalKey = "maxQueuePollingInterval";
    public const string ControlQueueVisibilityKey = "controlQueueVisibilityTimeout";

    public static HostJsonStorage Load(string? path = null, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        path ??= Path.Combine(AppContext.BaseDirectory, "host.json");
        JsonNode? provider = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))?["extensions"]?["durableTask"]?["storageProvider"] : null;
        HostJsonStorage d = ProviderDefaults;
        return new HostJsonStorage(
            Duration(PollingIntervalKey, d.MaxQueuePollingInterval),
            Duration(ControlQueueVisibilityKey, d.ControlQueueVisibilityTimeout),
            Duration("workItemQueueVisibilityTimeout", d.WorkItemQueueVisibilityTimeout),
            Count("partitionCount", d.PartitionCount, max: 16),
            Count("controlQueueBatchSize", d.ControlQueueBatchSize, max: 32));

        string? Raw(string name) => environment(EnvPrefix + name) ?? (provider?[name] is JsonValue v ? v.ToString() : null);

        TimeSpan Duration(string name, TimeSpan fallback) => Raw(name) switch
        {
            null => fallback,
            { } text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan value) && value > TimeSpan.Zero => value,
            { } text => throw new InvalidOperationException(
                $"host.json extensions.durableTask.storageProvider.{name} must be a positive time span like 00:00:30; it is '{text}'."),
        };

        int Count(string name, int fallback, int max) => Raw(name) switch
        {
            null => fallback,
            { } text when int.TryParse(text, CultureInfo.InvariantCulture, out int value) && value >= 1 && value <= max => value,
            { } text => throw new InvalidOperationException(
                $"host.json extensions.durableTask.storageProvider.{name} must be from 1 to {max}; it is '{text}'."),
        };
    }
}
