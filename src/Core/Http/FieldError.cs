namespace Serverless.Core.Http;

/// <summary>A rejected request, naming the JSON field at fault.</summary>
public sealed record FieldError(string Field, string Message);
