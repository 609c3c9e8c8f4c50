using System.Net.Sockets;

namespace Serverless.Tests.Infrastructure;

/// <summary>The Azurite the test script starts (scripts/test.sh); tests fail fast with the fix when it is not there.</summary>
public static class Azurite
{
    public const string ConnectionString = "UseDevelopmentStorage=true";

    public static void EnsureRunning()
    {
        foreach (int port in new[] { 10000, 10001, 10002 })
        {
            using var socket = new TcpClient();
            try
            {
                socket.Connect("127.0.0.1", port);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException(
                    $"Azurite is not listening on 127.0.0.1:{port}. Run the tests with scripts/test.sh, or start it with scripts/azurite.sh start.");
            }
        }
    }

    /// <summary>A task hub of its own per test, so runs and queues of one test never meet another's.</summary>
    public static string NewTaskHub(string prefix = "t") => $"{prefix}{Guid.NewGuid():N}"[..20];
}
