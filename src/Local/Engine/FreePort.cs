using System.Net;
using System.Net.Sockets;

namespace Serverless.Local.Engine;

public static class FreePort
{
    /// <summary>A loopback port the OS just handed out, rather than a random guess that may collide with ephemeral ports.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
