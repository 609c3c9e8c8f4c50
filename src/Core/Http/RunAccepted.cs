namespace Serverless.Core.Http;

/// <summary>Body of the 202 answer to a run request.</summary>
public sealed record RunAccepted(string RunId, string StatusUrl, int Total);
