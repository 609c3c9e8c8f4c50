using Microsoft.DurableTask;

namespace Serverless.Core.Storage;

/// <summary>A chunk's items, read from the run's input blobs: bounded by the chunk size, whatever the run size.</summary>
public sealed class ReadChunkItemsActivity(RunItemStore items) : TaskActivity<ChunkItemsRequest, List<string>>
{
    public override Task<List<string>> RunAsync(TaskActivityContext context, ChunkItemsRequest input) =>
        items.ReadChunkAsync(input.Container, input.RunId, input.Chunk);
}
