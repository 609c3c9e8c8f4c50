using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Serverless.Core.Runs;

namespace Serverless.Core.Storage;

/// <summary>
/// A cancel's mark in the run's folder, for the batch activities: an activity cannot receive the run's stop event, and a read
/// of one small blob is all it takes to learn of it (<see cref="RunCancelWatch"/>). The blob holds the cancel's reason.
/// </summary>
public sealed class RunCancelFlag(BlobServiceClient service)
{
    public async Task WriteAsync(string container, string runId, string reason, CancellationToken cancellationToken = default) =>
        await Flag(container, runId).UploadAsync(BinaryData.FromString(reason), overwrite: true, cancellationToken);

    /// <summary>The cancel's reason, or null while the run has not been cancelled.</summary>
    public async Task<string?> ReadAsync(string container, string runId, CancellationToken cancellationToken = default)
    {
        try
        {
            BlobDownloadResult content = await Flag(container, runId).DownloadContentAsync(cancellationToken);
            return content.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    BlobClient Flag(string container, string runId) =>
        service.GetBlobContainerClient(container).GetBlobClient(RunFolder.CancelFlagOf(runId));
}
