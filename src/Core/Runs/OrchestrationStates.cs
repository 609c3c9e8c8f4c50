using Microsoft.DurableTask.Client;

namespace Serverless.Core.Runs;

/// <summary>One answer, everywhere, to whether an orchestration has ended (a cancelled run ends Completed).</summary>
public static class OrchestrationStates
{
    public static readonly IReadOnlyList<OrchestrationRuntimeStatus> Ended =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    public static bool HasEnded(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
