using System.Buffers;

namespace Serverless.Core.Users;

/// <summary>
/// Reads a response body within a byte limit and a token. HttpClient's own buffering runs after the message handlers return,
/// outside every timeout of the pipeline, with no limit but 2 GB; reading here, inside an attempt, bounds it in time and size.
/// </summary>
public static class ResponseBody
{
    const int ChunkBytes = 16 * 1024;

    public static async Task<byte[]> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        long? declared = content.Headers.ContentLength;
        if (declared > maxBytes)
        {
            throw new ResponseTooLargeException(maxBytes);
        }

        await using Stream stream = await content.ReadAsStreamAsync(cancellationToken);
        using var body = new MemoryStream((int)Math.Min(declared ?? ChunkBytes, maxBytes));
        byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (body.Length + read > maxBytes)
                {
                    throw new ResponseTooLargeException(maxBytes);
                }

                body.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return body.ToArray();
    }
}
