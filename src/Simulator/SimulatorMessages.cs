namespace Serverless.Simulator;

// Small wire messages of the simulator besides the user document and the stats.

/// <summary>Body of a refusal, so a client logging the body sees why it was refused.</summary>
public sealed record SimulatorError(string Error, int? RetryAfterSeconds);

/// <summary>Answer of <c>GET /stats/hits/{id}</c>.</summary>
public sealed record IdHits(int Id, int Ok);

/// <summary>Answer of <c>POST /admin/limit/{n}</c>.</summary>
public sealed record LimitChanged(int ConcurrencyLimit);
