using System.Text.Json;
using Serverless.Core.Runs;

namespace Serverless.Core.Http;

/// <summary>
/// The run settings any start request may carry next to its items: <c>batchSize</c> (1–1000 items per activity),
/// <c>toleratedFailurePercent</c> (0–100) and <c>toleratedFailureCount</c> (≥ 0). Absent means the configured default.
/// Call it after the request's own parser accepted the body, so the body is known to be a JSON object.
/// </summary>
public static class RunSettingsParser
{
    public const int MaxBatchSize = 1_000;

    /// <summary>The settings' field names, which every start request's parser accepts besides its own.</summary>
    public static IReadOnlyList<string> Fields { get; } = ["batchSize", "toleratedFailurePercent", "toleratedFailureCount"];

    public sealed record Result(RunSettings? Settings, FieldError? Error);

    public static Result Parse(ReadOnlyMemory<byte> body)
    {
        using JsonDocument document = JsonDocument.Parse(JsonRequestBody.WithoutBom(body));
        JsonElement root = document.RootElement;
        int? batchSize = null, count = null;
        double? percent = null;
        if (root.TryGetProperty("batchSize", out JsonElement batch))
        {
            if (batch.ValueKind != JsonValueKind.Number || !batch.TryGetInt32(out int value) || value is < 1 or > MaxBatchSize)
            {
                return Fail("batchSize", $"batchSize must be a whole number from 1 to {MaxBatchSize}.");
            }

            batchSize = value;
        }

        if (root.TryGetProperty("toleratedFailurePercent", out JsonElement percentElement))
        {
            if (percentElement.ValueKind != JsonValueKind.Number || percentElement.GetDouble() is < 0 or > 100)
            {
                return Fail("toleratedFailurePercent", "toleratedFailurePercent must be a number from 0 to 100.");
            }

            percent = percentElement.GetDouble();
        }

        if (root.TryGetProperty("toleratedFailureCount", out JsonElement countElement))
        {
            if (countElement.ValueKind != JsonValueKind.Number || !countElement.TryGetInt32(out int value) || value < 0)
            {
                return Fail("toleratedFailureCount", "toleratedFailureCount must be a whole number, 0 or more.");
            }

            count = value;
        }

        return new Result(new RunSettings(batchSize, count, percent), null);
    }

    static Result Fail(string field, string message) => new(null, new FieldError(field, message));
}
