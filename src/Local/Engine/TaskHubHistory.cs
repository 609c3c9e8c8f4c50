using Azure.Data.Tables;

namespace Serverless.Local.Engine;

/// <summary>
/// History sizes read straight from the Azure Storage provider's History table (one row per history event, partitioned by
/// instance id): the in-process gRPC sidecar does not serve history to clients, and how long histories get is what a large
/// run must keep bounded.
/// </summary>
public static class TaskHubHistory
{
    public static async Task<Dictionary<string, int>> CountEventsAsync(
        string connectionString, string taskHub, string? instanceIdPrefix = null, CancellationToken cancellationToken = default)
    {
        var table = new TableClient(connectionString, $"{taskHub}History");
        string? filter = instanceIdPrefix is null
            ? null
            : TableClient.CreateQueryFilter($"PartitionKey ge {instanceIdPrefix} and PartitionKey lt {instanceIdPrefix + "~"}");
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            counts[row.PartitionKey] = counts.GetValueOrDefault(row.PartitionKey) + 1;
        }

        return counts;
    }
}
