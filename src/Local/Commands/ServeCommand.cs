using System.CommandLine;
using Serverless.Core.Http;
using Serverless.Local.Runner;

namespace Serverless.Local.Commands;

/// <summary><c>serve</c>: the Functions app's HTTP API (and the run status page) on Kestrel at 127.0.0.1, with the local engine running.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var port = new Option<int>("--port") { Description = "Loopback port to listen on (default: a free port).", DefaultValueFactory = _ => 0 };
        var simulator = new SimulatorCliOptions();
        var command = new Command(
            "serve",
            "Host the HTTP API (POST /api/users/fetch, POST /api/articles/analyze, GET /api/runs/{id}[/view|/failures|/files/{file}], " +
            "POST /api/runs/{id}/cancel|redrive) on 127.0.0.1 with the local engine; Ctrl+C stops.")
        {
            port,
        };
        common.AddTo(command);
        simulator.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            RunnerSettings settings = common.Read(parse);
            return await RunnerSession.RunAsync(settings, new RunnerSessionOptions { Simulator = simulator.Read(parse) }, async session =>
            {
                string api = session.Api!;
                await using RunsApiServer.Started server = await RunsApiServer.StartAsync(
                    session.Get<RunsHttpApi>(), session.Client, parse.GetValue(port), session.Loggers, cancellationToken);
                Console.WriteLine($"Serving the HTTP API at {server.BaseUrl}api (user API: {api}); Ctrl+C stops.");
                Console.WriteLine(
                    $"  start:  curl -X POST {server.BaseUrl}api/users/fetch -H 'Content-Type: application/json' -d '{{\"from\":1,\"count\":50}}'");
                Console.WriteLine($"  view:   {server.BaseUrl}api/runs/<runId>/view");
                // Cancelled by SIGINT/SIGTERM (ShutdownSignals), which also bounds how long the stop after it may take.
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                }

                Console.WriteLine("Stopping.");
                return 0;
            }, cancellationToken);
        });
        return command;
    }
}
