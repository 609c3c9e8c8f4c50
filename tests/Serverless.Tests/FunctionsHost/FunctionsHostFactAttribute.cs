using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.FunctionsHost;

/// <summary>A fact that needs a real Functions host; skipped, with the reason, only when neither func nor the host build
/// exists, and never in CI, where it fails.</summary>
public sealed class FunctionsHostFactAttribute : FactAttribute
{
    public FunctionsHostFactAttribute()
    {
        Skip = Prerequisite.SkipUnlessCi(FunctionsHostLocation.Missing);
    }
}

/// <summary>The theory counterpart of <see cref="FunctionsHostFactAttribute"/>.</summary>
public sealed class FunctionsHostTheoryAttribute : TheoryAttribute
{
    public FunctionsHostTheoryAttribute()
    {
        Skip = Prerequisite.SkipUnlessCi(FunctionsHostLocation.Missing);
    }
}
