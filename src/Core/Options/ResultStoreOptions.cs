using System.ComponentModel.DataAnnotations;

namespace Serverless.Core.Options;

/// <summary>Where results go. Section <c>Results</c>; the storage account is the app's <c>AzureWebJobsStorage</c>.</summary>
public sealed class ResultStoreOptions
{
    public const string Section = "Results";

    /// <summary>Container for run folders; lower-case letters, digits and dashes, as Blob Storage requires.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string Container { get; set; } = "results";
}
