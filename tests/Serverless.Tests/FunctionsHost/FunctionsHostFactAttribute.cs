using Xunit;

namespace Serverless.Tests.FunctionsHost;

/// <summary>A fact that needs a real Functions host; skipped, with the reason, only when neither func nor the host build exists.</summary>
public sealed class FunctionsHostFactAttribute : FactAttribute
{
    public FunctionsHostFactAttribute()
    {
        if (FunctionsHostLocation.Missing is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>The theory counterpart of <see cref="FunctionsHostFactAttribute"/>.</summary>
public sealed class FunctionsHostTheoryAttribute : TheoryAttribute
{
    public FunctionsHostTheoryAttribute()
    {
        if (FunctionsHostLocation.Missing is { } reason)
        {
            Skip = reason;
        }
    }
}
