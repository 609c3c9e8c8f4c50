using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Serverless.Core.Http.StatusPage;
using Serverless.Core.Runs;

namespace Serverless.Core.Http;

/// <summary>
/// The HTML of <c>GET /api/runs/{id}/view</c>: one self-contained page (inline CSS, a small inline script, no external assets),
/// kept in StatusPage/status.html.
/// The server renders the run as it is now; the script then polls <c>GET /api/runs/{id}</c> every second (passing on the page's
/// <c>?code=</c> function key), updates the elements by id, draws done-per-second from the samples it collects, and once the run
/// has finished lists the first failures, an article run's top terms (from the status JSON) and links its result files. Every
/// embedded value is HTML-encoded and the script sets values as text only; it reads nothing from the server but the DOM and the
/// API, so no value is ever written into script or style, and the page's Content-Security-Policy can allow exactly its own script
/// and style by hash.
/// Element ids (stable, read by tests): status, kind, total, succeeded, failed, done, inflight, elapsed, rate, percent, bar,
/// throughput, failures, files, error, terms-card, terms-note, terms.
/// </summary>
public static class RunStatusPage
{
    /// <summary>Failures the page lists; the JSON endpoint can give more.</summary>
    public const int FailuresShown = 20;

    /// <summary>The page's HTML, CSS and script: StatusPage/status.html, embedded in this assembly.</summary>
    static readonly PageTemplate Template = PageTemplate.Load(typeof(RunStatusPage).Assembly, "Serverless.Core.Http.StatusPage.status.html");

    /// <summary>Sent with the page: its inline script and style by hash, its own API to call, nothing else (<see cref="PagePolicy"/>).</summary>
    public static string ContentSecurityPolicy => Template.ContentSecurityPolicy;

    public static string Render(RunStatus run)
    {
        static string E(string? value) => HtmlEncoder.Default.Encode(value ?? string.Empty);
        static string N(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);

        int done = run.Succeeded + run.Failed;
        double percent = run.Total > 0 ? 100.0 * done / run.Total : 0;
        double rate = run.ElapsedSeconds > 0 ? done / run.ElapsedSeconds : 0;
        string id = E(run.Id);
        var files = new StringBuilder();
        if (run.Results is { } results)
        {
            foreach ((string key, string fileName) in RunFileNames.Links(results))
            {
                files.Append(
                    CultureInfo.InvariantCulture,
                    $"<li><a data-file=\"{E(key)}\" href=\"files/{E(Uri.EscapeDataString(key))}\">{E(fileName)}</a> <span " +
                    $"class=\"muted\">({E(key)})</span></li>");
            }
        }
        else
        {
            files.Append("<li class=\"muted\">Written when the run completes.</li>");
        }

        return Template.Render(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["id"] = id,
            ["status"] = E(run.Status),
            ["kind"] = E(run.Kind ?? "run"),
            ["created"] = E(run.CreatedAt.ToString("u", CultureInfo.InvariantCulture)),
            ["error"] = E(run.Error),
            ["percent"] = N(percent),
            ["total"] = N(run.Total),
            ["done"] = N(done),
            ["succeededWidth"] = N(run.Total > 0 ? 100.0 * run.Succeeded / run.Total : 0, "0.##"),
            ["failedWidth"] = N(run.Total > 0 ? 100.0 * run.Failed / run.Total : 0, "0.##"),
            ["succeeded"] = N(run.Succeeded),
            ["failed"] = N(run.Failed),
            ["inFlight"] = N(run.InFlight),
            ["elapsed"] = N(run.ElapsedSeconds, "0.0"),
            ["rate"] = N(rate, "0.0"),
            ["failuresNote"] = run.Results is null ? "Listed when the run completes." : "Loading…",
            ["files"] = files.ToString(),
            ["failuresShown"] = N(FailuresShown),
        });
    }
}
