using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Serverless.Core.Runs;

namespace Serverless.Local.Runner;

/// <summary>
/// The benches' wait for a run's end: reads of the run alone, never of its running chunks, whose storage CPU the measured run
/// would share on Azurite. Whether each read carries the run's input is the caller's choice: a small run's plan is cheap, and the
/// read that sees its end then has the output in hand; an article run's plan names every article (about 20 KB for 500), so its
/// reads leave the input out and one last read fetches the output. <c>pauseAfter</c> gives the pause before the next read from the
/// time waited so far.
/// </summary>
public static class RunEndPoll
{
    public static async Task<RunStatus> WaitAsync(
        DurableTaskClient client, string runId, bool readInputs, Func<TimeSpan, TimeSpan> pauseAfter, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (await client.GetInstanceAsync(runId, readInputs, cancellationToken) is { } instance
                && OrchestrationStates.HasEnded(instance.RuntimeStatus))
            {
                OrchestrationMetadata ended = readInputs
                    ? instance
                    : await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken) ?? instance;
                return RunStatusReader.From(ended, TimeProvider.System);
            }

            await Task.Delay(pauseAfter(waited.Elapsed), cancellationToken);
        }
    }
}
