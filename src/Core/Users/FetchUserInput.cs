namespace Serverless.Core.Users;

public sealed record FetchUserInput(string RunId, int UserId);
