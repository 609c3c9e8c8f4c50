using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.StatusPage;

/// <summary>A fact that drives headless Chromium; reported as skipped, with the reason, when /usr/bin/chromium is not
/// installed, except in CI, where it fails.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        Skip = Prerequisite.SkipUnlessCi(Chromium.Missing);
    }
}
