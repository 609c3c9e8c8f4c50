using System.Net;
using System.Net.Sockets;
using Serverless.Core.Options;

namespace Serverless.Core.Users;

/// <summary>
/// The user API client's connect step: resolves the host itself and connects only to addresses the
/// <see cref="ApiUrlPolicy"/> allows. Checking the base URL at start-up is not enough for a DNS name, whose
/// answer can change to 127.0.0.1 or 169.254.169.254 between the check and the call (DNS rebinding);
/// checking the very address we connect to closes that gap.
/// </summary>
public static class GuardedConnect
{
    public static SocketsHttpHandler Apply(SocketsHttpHandler handler, ApiUrlPolicy policy)
    {
        handler.ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, policy, cancellationToken);
        return handler;
    }

    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, ApiUrlPolicy policy, CancellationToken cancellationToken)
    {
        IPAddress[] addresses = IPAddress.TryParse(endpoint.Host, out IPAddress? literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var refused = new List<string>();
        var allowed = new List<IPAddress>();
        foreach (IPAddress address in addresses)
        {
            if (policy.CheckAddress(address) is { } why)
            {
                refused.Add(why);
            }
            else
            {
                allowed.Add(address);
            }
        }

        if (allowed.Count == 0)
        {
            throw new HttpRequestException(
                HttpRequestError.ConnectionError,
                $"refused to connect to the user API at '{endpoint.Host}': it resolves to " +
                $"{(refused.Count == 0 ? "no address" : string.Join("; ", refused))}");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // Only vetted addresses: never hand the name back to the OS to resolve again.
            await socket.ConnectAsync(allowed.ToArray(), endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
