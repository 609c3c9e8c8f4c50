using System.CommandLine;
using Serverless.Local.Engine;
using Serverless.Local.Runner;

namespace Serverless.Local.Commands;

/// <summary>Options every engine-backed command shares.</summary>
public sealed class CommonOptions
{
    public Option<EngineKind> Engine { get; } = new("--engine")
    {
        Description = "AzureStorage (durable, on Azurite; a killed run resumes) or InMemory (faster, forgets everything).",
        DefaultValueFactory = _ => EngineKind.AzureStorage,
    };

    public Option<string> Storage { get; } = new("--storage")
    {
        Description = "Storage connection string for the engine and the results (default: AzureWebJobsStorage, else Azurite).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("AzureWebJobsStorage") is { Length: > 0 } cs
            ? cs : "UseDevelopmentStorage=true",
    };

    public Option<string> TaskHub { get; } = new("--task-hub")
    {
        Description = "Durable task hub name (letters and digits).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("TaskHubName") is { Length: > 0 } hub
            ? hub : EngineSettings.DefaultTaskHubName,
    };

    public Option<string?> Api { get; } = new("--api")
    {
        Description = "Base URL of the user API. Without it the bundled simulator is started on a free loopback port.",
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Machine-readable output: one JSON object per line.",
    };

    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "Print only the final summary: no start lines, no progress (with --json: only the finished object).",
    };

    public Option<int> StorageRetrySeconds { get; } = new("--storage-retry-seconds")
    {
        Description = "How long to wait for storage that stops answering (an Azurite restart) before giving up, in seconds.",
        DefaultValueFactory = _ => 60,
        Validators =
        {
            result =>
            {
                if (result.GetValueOrDefault<int>() < 0)
                {
                    result.AddError("--storage-retry-seconds must be 0 or more.");
                }
            },
        },
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Engine);
        command.Options.Add(Storage);
        command.Options.Add(TaskHub);
        command.Options.Add(Api);
        command.Options.Add(Json);
        command.Options.Add(Quiet);
        command.Options.Add(StorageRetrySeconds);
    }

    public RunnerSettings Read(ParseResult parse) => new(
        parse.GetValue(Engine),
        parse.GetValue(Storage)!,
        parse.GetValue(TaskHub)!,
        parse.GetValue(Api),
        parse.GetValue(Json))
    {
        Quiet = parse.GetValue(Quiet),
        StorageRetryFor = TimeSpan.FromSeconds(parse.GetValue(StorageRetrySeconds)),
    };
}
