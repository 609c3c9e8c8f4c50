using System.Net.Sockets;
using Azure;
using Grpc.Core;

namespace Serverless.Local.Runner;

/// <summary>
/// Which exceptions may come from storage being unreachable: worth a look at the storage before a command gives up, and a 503
/// rather than a 500 from <c>serve</c>. From the engine they arrive over gRPC (its sidecar reports a failed storage call as
/// Unknown or Internal), from the results' blob client as a transport failure or a 5xx such as a server busy.
/// </summary>
public static class StorageFailures
{
    public static bool MayBeOutage(Exception e) => e switch
    {
        // The sidecar reports whatever its provider threw as Unknown; Unavailable and the rest are the channel's own troubles.
        RpcException rpc => rpc.StatusCode is StatusCode.Unknown or StatusCode.Unavailable or StatusCode.Internal
            or StatusCode.DeadlineExceeded or StatusCode.Aborted or StatusCode.ResourceExhausted,
        RequestFailedException storage => storage.Status is 0 or 408 or >= 500,
        AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(MayBeOutage),
        HttpRequestException or IOException or SocketException or TimeoutException => true,
        // The storage SDK's own network timeout; the caller's cancellation is told apart by the caller's token.
        OperationCanceledException => true,
        _ => e.InnerException is { } inner && MayBeOutage(inner),
    };
}
