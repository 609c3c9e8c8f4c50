using Serverless.Core.Runs;
using Serverless.Core.Users;

namespace Serverless.Core.Storage;

public sealed record UserRunResults(RunManifest Manifest, IReadOnlyList<UserFetchOutcome> Outcomes);
