namespace Serverless.Core.Runs.Limits;

public sealed record PermitGrant(string Holder, int Permits);
