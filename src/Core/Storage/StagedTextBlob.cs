using System.Text;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Serverless.Core.Storage;

/// <summary>
/// A text blob written in staged blocks and committed once: memory stays at one block however large the file, and readers see
/// the old blob or the whole new one, never a part (a block list commit is atomic). A file that fits one block is one upload,
/// as atomic and one round trip to storage fewer. One block uploads while the next fills.
/// </summary>
public sealed class StagedTextBlob(BlockBlobClient blob, string contentType)
{
    const int BlockBytes = 4 * 1024 * 1024;
    readonly StringBuilder buffer = new();
    readonly List<string> blockIds = [];
    Task staging = Task.CompletedTask;

    public async Task AppendLineAsync(string line, CancellationToken cancellationToken)
    {
        buffer.Append(line).Append('\n');
        if (buffer.Length >= BlockBytes)
        {
            await StageAsync(cancellationToken);
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (blockIds.Count == 0)
        {
            await blob.UploadAsync(
                BinaryData.FromString(buffer.ToString()).ToStream(),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
                cancellationToken);
            buffer.Clear();
            return;
        }

        if (buffer.Length > 0)
        {
            await StageAsync(cancellationToken);
        }

        await staging;
        await blob.CommitBlockListAsync(
            blockIds, new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);
    }

    async Task StageAsync(CancellationToken cancellationToken)
    {
        // Same-length ids, as the service requires; fixed by position, so a re-run stages the same blocks.
        string id = Convert.ToBase64String(Encoding.ASCII.GetBytes($"block-{blockIds.Count:D6}"));
        byte[] block = Encoding.UTF8.GetBytes(buffer.ToString());
        blockIds.Add(id);
        buffer.Clear();
        await staging;
        staging = blob.StageBlockAsync(id, new MemoryStream(block), cancellationToken: cancellationToken);
    }
}
