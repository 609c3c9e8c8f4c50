using System.Text.Json.Serialization;

namespace Serverless.Core.Runs;

/// <summary>How a finished run ended, as its manifest and status say it (<c>completed</c>, <c>failed</c>, <c>cancelled</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunOutcome>))]
public enum RunOutcome
{
    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>Stopped by its failure threshold; the orchestration itself ends Failed with the reason.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}
