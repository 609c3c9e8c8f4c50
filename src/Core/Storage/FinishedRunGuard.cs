using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Serverless.Core.Runs;

namespace Serverless.Core.Storage;

/// <summary>
/// A run is finished once its manifest exists, and a finished run is never written again. Activities are at least once: a batch
/// whose queue message came back after its run ended (a lock that lapsed, a process that left) must call no API and write
/// nothing, since what it would fetch and write now is not what the run reported. One blob properties read decides.
/// </summary>
public sealed class FinishedRunGuard(BlobServiceClient service)
{
    public async Task<bool> IsFinishedAsync(string container, string runId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await Manifest(container, runId).ExistsAsync(cancellationToken);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            return false;
        }
    }

    BlobClient Manifest(string container, string runId) =>
        service.GetBlobContainerClient(container).GetBlobClient(RunFolder.ManifestOf(runId));
}
