using System.Text.Json;
using Microsoft.DurableTask;

namespace Serverless.Core.Storage;

/// <summary>
/// A chunk's items, read from the run's input blobs: bounded by the chunk size, whatever the run size. Handed over as the JSON
/// array the blob holds, so one activity serves every run kind and the orchestrator reads the items as its kind's type.
/// </summary>
public sealed class ReadChunkItemsActivity(RunItemStore items) : TaskActivity<ChunkItemsRequest, JsonElement>
{
    public override Task<JsonElement> RunAsync(TaskActivityContext context, ChunkItemsRequest input) =>
        items.ReadChunkAsync(input.Container, input.RunId, input.Chunk);
}
