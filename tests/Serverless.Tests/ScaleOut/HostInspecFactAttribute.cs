using Serverless.Tests.FunctionsHost;
using Serverless.Tests.Infrastructure;
using Serverless.Tests.Terminology;
using Xunit;

namespace Serverless.Tests.ScaleOut;

/// <summary>A fact that needs both a Functions host and the Inspec zip; skipped with the reason of whichever is missing.</summary>
public sealed class HostInspecFactAttribute : FactAttribute
{
    public HostInspecFactAttribute(string zipName = "Validation.zip")
    {
        if (Prerequisite.SkipUnlessCi(FunctionsHostLocation.Missing) is { } noHost)
        {
            Skip = noHost;
        }
        else if (InspecData.Find(zipName) is null)
        {
            Skip = $"Inspec data not found ({zipName}); set INSPEC_DIR or provide shared/data/inspec beside the repository.";
        }
    }
}
