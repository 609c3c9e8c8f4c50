using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Serverless.Tests.Infrastructure;

/// <summary>
/// A user API that misbehaves on purpose, written at the socket level so it can do what no well-behaved server framework lets it:
/// promise a body and stall, drip one, send 50 MB, redirect to file://. It answers <c>GET /users/{id}</c> with whatever
/// <see cref="Answer"/> the test gives for that id (one request per connection, then it closes), on 127.0.0.1 and a free port.
/// </summary>
public sealed class HostileApiServer : IAsyncDisposable
{
    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly Func<int, Answer> answers;
    readonly CancellationTokenSource stopping = new();
    readonly ConcurrentDictionary<int, int> requests = new();
    readonly ConcurrentBag<Task> connections = [];
    readonly Task accepting;

    /// <summary>What the server does with one request's connection.</summary>
    public delegate Task Answer(Stream connection, CancellationToken cancellationToken);

    HostileApiServer(Func<int, Answer> answers)
    {
        this.answers = answers;
        listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        accepting = AcceptAsync();
    }

    public Uri BaseUrl { get; }

    public static HostileApiServer Start(Func<int, Answer> answers) => new(answers);

    public int RequestsFor(int id) => requests.TryGetValue(id, out int n) ? n : 0;

    public int Requests => requests.Values.Sum();

    /// <summary>A well-formed user: <c>{"id":N,"name":"user N"}</c>.</summary>
    public static Answer User(int id) => Json($"{{\"id\":{id},\"name\":\"user {id}\"}}");

    public static Answer Json(string json) => Respond("200 OK", [], Encoding.UTF8.GetBytes(json));

    /// <summary>An answer with a status line, headers and a complete body.</summary>
    public static Answer Respond(string status, IEnumerable<string> headers, byte[] body) => async (stream, token) =>
    {
        await WriteHeadAsync(stream, status, [.. headers, $"Content-Length: {body.Length}"], token);
        await stream.WriteAsync(body, token);
    };

    /// <summary>Promises <paramref name="declared"/> bytes, sends <paramref name="sent"/>, then sends nothing more until stopped.</summary>
    public static Answer Stall(int declared, int sent) => async (stream, token) =>
    {
        await WriteHeadAsync(stream, "200 OK", ["Content-Type: application/json", $"Content-Length: {declared}"], token);
        await stream.WriteAsync(Filler(sent), token);
        await stream.FlushAsync(token);
        await Task.Delay(Timeout.Infinite, token);
    };

    /// <summary>A body of <paramref name="bytes"/> bytes sent one byte at a time over <paramref name="over"/>.</summary>
    public static Answer Drip(int bytes, TimeSpan over) => async (stream, token) =>
    {
        await WriteHeadAsync(stream, "200 OK", ["Content-Type: application/json", $"Content-Length: {bytes}"], token);
        for (int i = 0; i < bytes; i++)
        {
            await stream.WriteAsync(Filler(1), token);
            await stream.FlushAsync(token);
            await Task.Delay(over / bytes, token);
        }
    };

    /// <summary>A huge body, announced by Content-Length or (when not <paramref name="declared"/>) ended only by closing.</summary>
    public static Answer Huge(long bytes, bool declared) => async (stream, token) =>
    {
        string[] headers = declared ? ["Content-Type: application/json", $"Content-Length: {bytes}"] : ["Content-Type: application/json"];
        await WriteHeadAsync(stream, "200 OK", headers, token);
        byte[] chunk = Filler(64 * 1024);
        for (long sent = 0; sent < bytes; sent += chunk.Length)
        {
            await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, bytes - sent)), token);
        }
    };

    static byte[] Filler(int bytes) => Enumerable.Repeat((byte)' ', bytes).ToArray();

    static async Task WriteHeadAsync(Stream stream, string status, IEnumerable<string> headers, CancellationToken token)
    {
        string head = $"HTTP/1.1 {status}\r\n{string.Concat(headers.Select(h => h + "\r\n"))}Connection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), token);
        await stream.FlushAsync(token);
    }

    async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            connections.Add(ServeAsync(client));
        }
    }

    async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                int id = await ReadRequestAsync(stream, stopping.Token);
                requests.AddOrUpdate(id, 1, (_, n) => n + 1);
                await answers(id)(stream, stopping.Token);
                await stream.FlushAsync(stopping.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client hung up (as it should on a hostile answer) or the server is stopping.
            }
        }
    }

    /// <summary>Reads the request head; the id from <c>GET /users/{id}</c>, or -1.</summary>
    static async Task<int> ReadRequestAsync(Stream stream, CancellationToken token)
    {
        var head = new StringBuilder();
        byte[] one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && head.Length < 16 * 1024)
        {
            if (await stream.ReadAsync(one, token) == 0)
            {
                break;
            }

            head.Append((char)one[0]);
        }

        string[] requestLine = head.ToString().Split("\r\n")[0].Split(' ');
        string path = requestLine.Length > 1 ? requestLine[1] : "";
        return path.StartsWith("/users/", StringComparison.Ordinal)
            && int.TryParse(path["/users/".Length..], NumberStyles.Integer, CultureInfo.InvariantCulture, out int id) ? id : -1;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        await Task.WhenAll(connections);
        listener.Dispose();
        stopping.Dispose();
    }
}
