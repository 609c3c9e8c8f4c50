using System.ComponentModel.DataAnnotations;

namespace Serverless.Core.Options;

/// <summary>Limits on what one user-fetch request may ask for. Section <c>UserFetch</c>.</summary>
public sealed class UserFetchOptions
{
    public const string Section = "UserFetch";

    [Range(1, 10_000_000)]
    public int MaxUsersPerRun { get; set; } = 100_000;

    /// <summary>Users per sub-orchestration in a large run; keeps each orchestration's history (replayed on every step) short.</summary>
    [Range(1, 5_000)]
    public int ChunkSize { get; set; } = 500;
}
