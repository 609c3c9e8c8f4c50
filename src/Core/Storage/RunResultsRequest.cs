using Serverless.Core.Runs;

namespace Serverless.Core.Storage;

/// <summary>The fan-in's input: the manifest without its counts, and the reason to give for items that have no outcome.</summary>
public sealed record RunResultsRequest(RunManifest Draft, string MissingReason);
