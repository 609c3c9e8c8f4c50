using System.ComponentModel.DataAnnotations;

namespace Serverless.Core.Options;

/// <summary>Limits on what one user-fetch request may ask for. Section <c>UserFetch</c>.</summary>
public sealed class UserFetchOptions
{
    public const string Section = "UserFetch";

    [Range(1, 10_000_000)]
    public int MaxUsersPerRun { get; set; } = 100_000;
}
