using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Serverless.Local.Runner;

/// <summary>
/// Is the storage account answering? One request to each of its blob, queue and table services, without the SDK's retries.
/// A failure that reaches the runner through the engine's gRPC sidecar says only "Exception was thrown by handler", so this is
/// how the runner tells a storage outage (wait for it) from a failure of the call itself (report it).
/// </summary>
public sealed class StorageProbe
{
    static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(5);
    readonly BlobServiceClient blobs;
    readonly QueueServiceClient queues;
    readonly TableServiceClient tables;

    /// <exception cref="CommandFailedException">The connection string is not one (the message never repeats it: it holds the key).</exception>
    public StorageProbe(string connectionString)
    {
        try
        {
            blobs = new BlobServiceClient(connectionString, new BlobClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = AnswerWithin } });
            queues = new QueueServiceClient(connectionString, new QueueClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = AnswerWithin } });
            tables = new TableServiceClient(connectionString, new TableClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = AnswerWithin } });
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new CommandFailedException(
                $"--storage (or AzureWebJobsStorage) is not a storage connection string: {FirstLine(e.Message)} Use UseDevelopmentStorage=true " +
                "for Azurite, or the storage account's connection string.",
                ExitCodes.Usage,
                e);
        }
    }

    /// <summary>Null when every service answered (any answer but a server error); otherwise what the first failing one did.</summary>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AnswerWithin);
        string?[] problems = await Task.WhenAll(
            AnswersAsync("blob", t => blobs.GetPropertiesAsync(t), timeout.Token, cancellationToken),
            AnswersAsync("queue", t => queues.GetPropertiesAsync(t), timeout.Token, cancellationToken),
            AnswersAsync("table", t => tables.GetPropertiesAsync(t), timeout.Token, cancellationToken));
        return problems.FirstOrDefault(p => p is not null);
    }

    static async Task<string?> AnswersAsync(
        string service, Func<CancellationToken, Task> request, CancellationToken timeout, CancellationToken cancellationToken)
    {
        try
        {
            await request(timeout);
            return null;
        }
        catch (RequestFailedException e) when (e.Status is > 0 and not (500 or 502 or 503 or 504))
        {
            // It answered: refused permission, or an API version the emulator does not know, still means it is there.
            return null;
        }
        catch (RequestFailedException e) when (e.Status > 0)
        {
            return $"the {service} service answered {e.Status}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"the {service} service did not answer within {AnswerWithin.TotalSeconds:F0} s";
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or IOException or AggregateException)
        {
            return $"the {service} service: {FirstLine(e.Message)}";
        }
    }

    static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
