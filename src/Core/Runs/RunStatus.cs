using System.Text.Json.Serialization;
using Microsoft.DurableTask.Client;
using Serverless.Core.Articles;

namespace Serverless.Core.Runs;

/// <summary>What <c>GET /api/runs/{id}</c> answers.</summary>
/// <param name="TopTerms">A finished article run's best corpus terms, which the HTTP API reads from its terms file; null otherwise.</param>
public sealed record RunStatus(
    string Id,
    string? Kind,
    string Status,
    int Total,
    int Succeeded,
    int Failed,
    int InFlight,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    double ElapsedSeconds,
    RunFiles? Results,
    string? Error,
    IReadOnlyList<TopTerm>? TopTerms = null)
{
    /// <summary>The status of a run cancelled on request: its orchestration ends Completed, its status says what happened.</summary>
    public const string Cancelled = "Cancelled";

    public bool IsFinished =>
        Status == Cancelled || (Enum.TryParse(Status, out OrchestrationRuntimeStatus runtime) && OrchestrationStates.HasEnded(runtime));

    /// <summary>Ended normally: not cancelled, not past its failure threshold, not terminated. Not part of the answer.</summary>
    [JsonIgnore]
    public bool IsCompleted => Status == nameof(OrchestrationRuntimeStatus.Completed);
}
