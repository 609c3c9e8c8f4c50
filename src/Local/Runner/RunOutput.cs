using System.Globalization;
using System.Text.Json;
using Serverless.Core.Articles;
using Serverless.Core.Runs;
using Serverless.Core.Storage;
using Serverless.Simulator;

namespace Serverless.Local.Runner;

/// <summary>
/// What the runner prints at the start and end of a run, as text or one JSON object per line. With <c>--quiet</c> only the end.
/// Nothing else goes to stdout: logs go to stderr (<see cref="LocalHost.CreateLoggerFactory"/>).
/// </summary>
public static class RunOutput
{
    /// <param name="what">What the run works on, for people: "50 users from http://…", "12 articles under local/…".</param>
    public static void Started(RunnerSettings settings, string runId, int total, string what)
    {
        if (settings.Quiet)
        {
            return;
        }

        if (settings.Json)
        {
            Write(new { @event = "started", runId, total, what, engine = settings.Engine.ToString(), taskHub = settings.TaskHub });
            return;
        }

        Console.WriteLine($"Run {runId}: {what} on the {settings.Engine} engine (task hub {settings.TaskHub}).");
        // A user run keeps the API it started with, so its resume names none.
        Console.WriteLine($"  Resume it after a crash with: runs wait {runId}");
    }

    public static void Finished(RunnerSettings settings, RunStatus status, SimulatorStats? api)
    {
        if (settings.Json)
        {
            Write(new
            {
                @event = "finished",
                runId = status.Id,
                status = status.Status,
                status.Total,
                status.Succeeded,
                status.Failed,
                status.ElapsedSeconds,
                results = status.Results,
                topTerms = status.TopTerms,
                error = status.Error,
                api = api is null ? null : new { api.MaxInFlight, api.TooManyRequests, api.Forbidden, api.ServerErrors, api.BanCount },
            });
            return;
        }

        Console.WriteLine(
            $"Run {status.Id} {status.Status}: {status.Succeeded} done, {status.Failed} failed of {status.Total} in {status.ElapsedSeconds:F2} s.");
        if (status.Results is { } files)
        {
            Console.WriteLine($"  Results in container '{files.Container}':");
            foreach (string? file in new[] { files.Manifest, files.Succeeded, files.Failed, files.Terms })
            {
                if (file is not null)
                {
                    Console.WriteLine($"    {file}");
                }
            }
        }

        foreach (string line in TopTermLines(status.TopTerms, "  "))
        {
            Console.WriteLine(line);
        }

        if (status.Error is not null)
        {
            Console.WriteLine($"  Error: {status.Error}");
        }

        if (api is not null)
        {
            Console.WriteLine($"  API simulator saw at most {api.MaxInFlight} in flight; 429s: {api.TooManyRequests}, 403s: " +
                $"{api.Forbidden}, bans: {api.BanCount}.");
        }
    }

    /// <summary>A finished article run's top terms, ranked, one a line under a heading; nothing for a run without them.</summary>
    public static IEnumerable<string> TopTermLines(IReadOnlyList<TopTerm>? terms, string indent)
    {
        if (terms is null)
        {
            yield break;
        }

        yield return terms.Count == 0
            ? $"{indent}Top terms: none."
            : $"{indent}Top {terms.Count} terms of the corpus, with how many articles each came from:";
        for (int i = 0; i < terms.Count; i++)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{indent}  {i + 1,2}. {terms[i].ToText()}");
        }
    }

    static void Write(object value) => Console.WriteLine(JsonSerializer.Serialize(value, BlobResultStore.Json));
}
