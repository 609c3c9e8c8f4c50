using System.Net.Sockets;
using Azure;
using Grpc.Core;

namespace Serverless.Local.Runner;

/// <summary>Which exceptions may come from storage being unreachable, so are worth a look at the storage before giving up.</summary>
public static class StorageFailures
{
    public static bool MayBeOutage(Exception e) => e switch
    {
        // The sidecar reports whatever its provider threw as Unknown; Unavailable and the rest are the channel's own troubles.
        RpcException rpc => rpc.StatusCode is StatusCode.Unknown or StatusCode.Unavailable or StatusCode.Internal
            or StatusCode.DeadlineExceeded or StatusCode.Aborted or StatusCode.ResourceExhausted,
        RequestFailedException storage => storage.Status is 0 or 408 or 500 or 502 or 503 or 504,
        AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(MayBeOutage),
        HttpRequestException or IOException or SocketException or TimeoutException => true,
        // The storage SDK's own network timeout; the caller's cancellation is told apart by the caller's token.
        OperationCanceledException => true,
        _ => false,
    };
}
