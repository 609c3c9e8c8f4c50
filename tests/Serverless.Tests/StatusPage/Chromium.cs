using System.Diagnostics;

namespace Serverless.Tests.StatusPage;

/// <summary>Headless Chromium, one process per call, each with a fresh empty profile.</summary>
public static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    /// <summary>Why a browser test cannot run here, or null when Chromium is installed.</summary>
    public static string? Missing => File.Exists(Path)
        ? null
        : $"Chromium not found at {Path}; install it (apt-get install chromium) to run the status page browser test.";

    static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    /// <summary>The DOM after the page's scripts ran for <paramref name="virtualTimeMs"/> of virtual time.</summary>
    public static async Task<string> DumpDomAsync(Uri url, int virtualTimeMs = 3000) =>
        (await RunAsync($"--virtual-time-budget={virtualTimeMs}", "--dump-dom", url.ToString())).Output;

    /// <summary>
    /// The DOM as <see cref="DumpDomAsync"/> has it, and what the page wrote to the console (errors, and what the browser refused
    /// under the page's Content-Security-Policy).
    /// </summary>
    public static async Task<(string Dom, IReadOnlyList<string> Console)> DumpDomAndConsoleAsync(Uri url, int virtualTimeMs = 3000)
    {
        (string output, string error) = await RunAsync(
            "--enable-logging=stderr", "--v=0", $"--virtual-time-budget={virtualTimeMs}", "--dump-dom", url.ToString());
        return (output, error.Split('\n').Where(line => line.Contains(":CONSOLE", StringComparison.Ordinal)).ToList());
    }

    public static async Task ScreenshotAsync(Uri url, string file, int virtualTimeMs = 3000)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.Delete(file);
        await RunAsync(
            $"--virtual-time-budget={virtualTimeMs}", $"--screenshot={file}", "--window-size=1200,900", "--hide-scrollbars", url.ToString());
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"Chromium wrote no screenshot to {file}");
        }
    }

    static async Task<(string Output, string Error)> RunAsync(params string[] arguments)
    {
        string profile = Directory.CreateTempSubdirectory("chromium-profile-").FullName;
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string flag in Flags)
        {
            start.ArgumentList.Add(flag);
        }

        start.ArgumentList.Add($"--user-data-dir={profile}");
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("CONTAINER_NAME");
        try
        {
            using Process process = Process.Start(start)!;
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Chromium did not finish within 90 s: {string.Join(' ', arguments)}");
            }

            string output = await stdout;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"Chromium exited with {process.ExitCode}: {await stderr}");
            }

            return (output, await stderr);
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
