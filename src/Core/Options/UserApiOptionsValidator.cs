using Microsoft.Extensions.Options;

namespace Serverless.Core.Options;

/// <summary>Refuses to start with a user API base URL outside <see cref="ApiUrlPolicy"/>, naming the setting to fix.</summary>
public sealed class UserApiOptionsValidator : IValidateOptions<UserApiOptions>
{
    public static string Field => $"{UserApiOptions.Section}:{nameof(UserApiOptions.BaseUrl)}";

    public ValidateOptionsResult Validate(string? name, UserApiOptions options) =>
        ApiUrlPolicy.For(options).CheckBaseUrl(options.BaseUrl) is { } why
            ? ValidateOptionsResult.Fail($"{Field} '{options.BaseUrl}' {why}.")
            : ValidateOptionsResult.Success;
}
