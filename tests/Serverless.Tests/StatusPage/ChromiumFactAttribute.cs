using Xunit;

namespace Serverless.Tests.StatusPage;

/// <summary>A fact that drives headless Chromium; reported as skipped, with the reason, when /usr/bin/chromium is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(Chromium.Path))
        {
            Skip = $"Chromium not found at {Chromium.Path}; install it (apt-get install chromium) to run the status page browser test.";
        }
    }
}
