namespace Serverless.Core.Storage;

public sealed record ChunkItemsRequest(string Container, string RunId, int Chunk);
