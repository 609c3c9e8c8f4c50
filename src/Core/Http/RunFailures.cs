using System.Text.Json;

namespace Serverless.Core.Http;

/// <summary>
/// What <c>GET /api/runs/{id}/failures</c> answers: the first <see cref="Limit"/> lines of the run's failed.ndjson as written
/// (<c>{"userId","reason","attempts","statusCode"}</c> or <c>{"article","reason"}</c>); <see cref="Failed"/> counts them all.
/// </summary>
public sealed record RunFailures(string RunId, string Status, bool Finished, int Failed, int Limit, IReadOnlyList<JsonElement> Failures);
