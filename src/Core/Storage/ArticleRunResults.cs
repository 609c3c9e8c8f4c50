using Serverless.Core.Articles;
using Serverless.Core.Runs;

namespace Serverless.Core.Storage;

public sealed record ArticleRunResults(RunManifest Manifest, IReadOnlyList<ArticleOutcome> Outcomes);
