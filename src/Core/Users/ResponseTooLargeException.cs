namespace Serverless.Core.Users;

/// <summary>
/// A response body over the run's UserApi:MaxResponseBytes. Not an <see cref="IOException"/> or <see cref="HttpRequestException"/>
/// on purpose: the pipeline retries those, and asking again would only fetch the same oversized answer.
/// </summary>
public sealed class ResponseTooLargeException(int maxBytes)
    : Exception($"the API's response is larger than {maxBytes} bytes (UserApi:MaxResponseBytes); not retried")
{
    public int MaxBytes { get; } = maxBytes;
}
