using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Serverless.Core.Runs;

namespace Serverless.Core.Http;

/// <summary>
/// The HTML of <c>GET /api/runs/{id}/view</c>: one self-contained page (inline CSS, a small inline script, no external assets).
/// The server renders the run as it is now; the script then polls <c>GET /api/runs/{id}</c> every second (passing on the page's
/// <c>?code=</c> function key), updates the elements by id, draws done-per-second from the samples it collects, and once the run
/// has finished lists the first failures and links its result files. Every embedded value is HTML-encoded; the script reads
/// nothing from the server but the DOM and the API, so no value is ever written into script.
/// Element ids (stable, read by tests): status, kind, total, succeeded, failed, done, inflight, elapsed, rate, percent, bar,
/// throughput, failures, files, error.
/// </summary>
public static class RunStatusPage
{
    /// <summary>Failures the page lists; the JSON endpoint can give more.</summary>
    public const int FailuresShown = 20;

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
                files.Append(CultureInfo.InvariantCulture, $"<li><a data-file=\"{E(key)}\" href=\"files/{E(Uri.EscapeDataString(key))}\">{E(fileName)}</a> <span class=\"muted\">({E(key)})</span></li>");
            }
        }
        else
        {
            files.Append("<li class=\"muted\">Written when the run completes.</li>");
        }

        return $$"""
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Run {{id}}</title>
<style>
  :root { --fg:#1d2433; --muted:#667085; --line:#e4e7ec; --ok:#12805c; --bad:#c4320a; --run:#1565c0; --bg:#f7f8fa; }
  * { box-sizing: border-box; }
  body { margin:0; font:15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color:var(--fg); background:var(--bg); }
  main { max-width:1080px; margin:0 auto; padding:24px; }
  header { display:flex; align-items:center; gap:14px; flex-wrap:wrap; }
  h1 { font-size:20px; margin:0; font-weight:600; }
  h2 { font-size:15px; margin:0 0 10px; font-weight:600; }
  code { font:13px ui-monospace, "DejaVu Sans Mono", monospace; }
  .badge { padding:3px 10px; border-radius:999px; font-weight:600; font-size:13px; color:#fff; background:var(--run); }
  .badge.Completed { background:var(--ok); } .badge.Failed, .badge.Terminated { background:var(--bad); } .badge.Pending { background:var(--muted); }
  .card { background:#fff; border:1px solid var(--line); border-radius:10px; padding:16px 18px; margin-top:16px; }
  .track { height:18px; background:#eef1f5; border-radius:9px; overflow:hidden; display:flex; }
  .track .ok { background:var(--ok); } .track .bad { background:var(--bad); }
  .grid { display:grid; grid-template-columns:repeat(auto-fit, minmax(130px, 1fr)); gap:12px; margin-top:14px; }
  .stat .label { color:var(--muted); font-size:12px; text-transform:uppercase; letter-spacing:.04em; }
  .stat .value { font-size:22px; font-weight:600; font-variant-numeric:tabular-nums; }
  .muted { color:var(--muted); }
  svg { width:100%; height:180px; display:block; }
  table { width:100%; border-collapse:collapse; font-size:14px; }
  th, td { text-align:left; padding:6px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
  th { color:var(--muted); font-weight:600; font-size:12px; text-transform:uppercase; }
  ul { margin:0; padding-left:18px; }
  #error:empty { display:none; }
  #error { color:var(--bad); margin-top:10px; white-space:pre-wrap; }
</style>
</head>
<body>
<main>
  <header>
    <h1>Run <code id="run-id">{{id}}</code></h1>
    <span id="status" class="badge {{E(run.Status)}}">{{E(run.Status)}}</span>
    <span class="muted"><span id="kind">{{E(run.Kind ?? "run")}}</span> · started <span id="created">{{E(run.CreatedAt.ToString("u", CultureInfo.InvariantCulture))}}</span></span>
    <span id="connection" class="muted"></span>
  </header>
  <div id="error">{{E(run.Error)}}</div>

  <section class="card">
    <h2>Progress <span class="muted">(<span id="percent">{{N(percent)}}</span>%)</span></h2>
    <div class="track" id="bar" role="progressbar" aria-valuemin="0" aria-valuemax="{{run.Total}}" aria-valuenow="{{done}}">
      <div class="ok" id="bar-ok" style="width:{{N(run.Total > 0 ? 100.0 * run.Succeeded / run.Total : 0, "0.##")}}%"></div>
      <div class="bad" id="bar-failed" style="width:{{N(run.Total > 0 ? 100.0 * run.Failed / run.Total : 0, "0.##")}}%"></div>
    </div>
    <div class="grid">
      <div class="stat"><div class="label">Done</div><div class="value"><span id="done">{{done}}</span> / <span id="total">{{run.Total}}</span></div></div>
      <div class="stat"><div class="label">Succeeded</div><div class="value" id="succeeded">{{run.Succeeded}}</div></div>
      <div class="stat"><div class="label">Failed</div><div class="value" id="failed">{{run.Failed}}</div></div>
      <div class="stat"><div class="label">In flight</div><div class="value" id="inflight">{{run.InFlight}}</div></div>
      <div class="stat"><div class="label">Elapsed</div><div class="value"><span id="elapsed">{{N(run.ElapsedSeconds, "0.0")}}</span> s</div></div>
      <div class="stat"><div class="label">Rate</div><div class="value"><span id="rate">{{N(rate, "0.0")}}</span> /s</div></div>
    </div>
  </section>

  <section class="card">
    <h2>Throughput <span class="muted">(done per second, sampled while this page polls)</span></h2>
    <svg id="throughput" viewBox="0 0 600 180" preserveAspectRatio="none" role="img" aria-label="done per second over time">
      <line x1="40" y1="150" x2="590" y2="150" stroke="#c9ced6"/>
      <line x1="40" y1="10" x2="40" y2="150" stroke="#c9ced6"/>
      <text id="chart-ymax" x="34" y="16" font-size="11" text-anchor="end" fill="#667085">0</text>
      <text x="34" y="150" font-size="11" text-anchor="end" fill="#667085">0</text>
      <text x="40" y="168" font-size="11" fill="#667085">0 s</text>
      <text id="chart-xmax" x="590" y="168" font-size="11" text-anchor="end" fill="#667085"></text>
      <path id="throughput-area" d="" fill="rgba(21,101,192,.12)"/>
      <polyline id="throughput-line" points="" fill="none" stroke="#1565c0" stroke-width="2" stroke-linejoin="round"/>
    </svg>
    <div class="muted" id="samples">No samples yet.</div>
  </section>

  <section class="card">
    <h2>Failures</h2>
    <div id="failures-note" class="muted">{{(run.Results is null ? "Listed when the run completes." : "Loading…")}}</div>
    <table id="failures" hidden><thead><tr><th>Item</th><th>Reason</th><th>Attempts</th><th>Status</th></tr></thead><tbody></tbody></table>
  </section>

  <section class="card">
    <h2>Result files</h2>
    <ul id="files">{{files}}</ul>
  </section>
</main>
<script>
(function () {
  "use strict";
  var code = new URLSearchParams(location.search).get("code");
  var base = location.pathname.replace(/\/view\/?$/, "");
  function api(path, params) {
    var q = new URLSearchParams(params || {});
    if (code) { q.set("code", code); }
    var s = q.toString();
    return base + path + (s ? "?" + s : "");
  }
  function $(id) { return document.getElementById(id); }
  function set(id, value) { var e = $(id); if (e) { e.textContent = String(value); } }
  var finished = { Completed: 1, Failed: 1, Terminated: 1 };
  var samples = [{ x: 0, done: 0 }];
  var timer = null, busy = false;

  function linkFiles() {
    var links = document.querySelectorAll("#files a[data-file]");
    for (var i = 0; i < links.length; i++) { links[i].href = api("/files/" + encodeURIComponent(links[i].getAttribute("data-file"))); }
  }

  function showFiles(results) {
    if (!results || document.querySelector("#files a[data-file]")) { linkFiles(); return; }
    var ul = $("files"); ul.textContent = "";
    [["manifest", results.manifest], ["succeeded", results.succeeded], ["failed", results.failed], ["terms", results.terms]].forEach(function (f) {
      if (!f[1]) { return; }
      var li = document.createElement("li"), a = document.createElement("a");
      a.setAttribute("data-file", f[0]); a.textContent = f[1].split("/").pop();
      li.appendChild(a); li.appendChild(document.createTextNode(" (" + f[0] + ")")); ul.appendChild(li);
    });
    linkFiles();
  }

  function drawChart() {
    var pts = [];
    for (var i = 1; i < samples.length; i++) {
      var dx = samples[i].x - samples[i - 1].x;
      if (dx > 0) { pts.push({ x: samples[i].x, r: (samples[i].done - samples[i - 1].done) / dx }); }
    }
    if (!pts.length) { return; }
    var xmax = Math.max(1, pts[pts.length - 1].x), ymax = 0;
    pts.forEach(function (p) { ymax = Math.max(ymax, p.r); });
    ymax = ymax > 0 ? ymax * 1.1 : 1;
    var coords = [{ x: 40, y: 150 - 140 * pts[0].r / ymax }];
    pts.forEach(function (p) { coords.push({ x: 40 + 550 * p.x / xmax, y: 150 - 140 * p.r / ymax }); });
    var line = coords.map(function (c) { return c.x.toFixed(1) + "," + c.y.toFixed(1); }).join(" ");
    $("throughput-line").setAttribute("points", line);
    $("throughput-area").setAttribute("d", "M40,150 L" + line.split(" ").join(" L") + " L" + coords[coords.length - 1].x.toFixed(1) + ",150 Z");
    set("chart-ymax", (ymax / 1.1).toFixed(1) + "/s");
    set("chart-xmax", xmax.toFixed(0) + " s");
    set("samples", pts.length + (pts.length === 1 ? " sample" : " samples") + "; latest " + pts[pts.length - 1].r.toFixed(1) + " done/s");
  }

  function loadFailures() {
    fetch(api("/failures", { limit: "{{FailuresShown}}" }), { cache: "no-store" }).then(function (r) { return r.ok ? r.json() : null; }).then(function (f) {
      if (!f) { set("failures-note", "Could not load the failures."); return; }
      if (!f.failures.length) { set("failures-note", "None."); return; }
      var body = $("failures").tBodies[0]; body.textContent = "";
      f.failures.forEach(function (item) {
        var tr = document.createElement("tr");
        [item.userId != null ? "user " + item.userId : item.article, item.reason, item.attempts, item.statusCode].forEach(function (v) {
          var td = document.createElement("td"); td.textContent = v == null ? "" : String(v); tr.appendChild(td);
        });
        body.appendChild(tr);
      });
      $("failures").hidden = false;
      set("failures-note", f.failed > f.failures.length ? "First " + f.failures.length + " of " + f.failed + "." : f.failed + " failed.");
    }).catch(function () { set("failures-note", "Could not load the failures."); });
  }

  function render(s) {
    var done = s.succeeded + s.failed;
    set("status", s.status); $("status").className = "badge " + s.status;
    set("kind", s.kind || "run");
    set("total", s.total); set("succeeded", s.succeeded); set("failed", s.failed); set("done", done);
    set("inflight", s.inFlight); set("elapsed", s.elapsedSeconds.toFixed(1));
    set("rate", (s.elapsedSeconds > 0 ? done / s.elapsedSeconds : 0).toFixed(1));
    set("percent", s.total > 0 ? Math.round(100 * done / s.total) : 0);
    $("bar").setAttribute("aria-valuenow", done); $("bar").setAttribute("aria-valuemax", s.total);
    $("bar-ok").style.width = (s.total > 0 ? 100 * s.succeeded / s.total : 0) + "%";
    $("bar-failed").style.width = (s.total > 0 ? 100 * s.failed / s.total : 0) + "%";
    set("error", s.error || "");
    var last = samples[samples.length - 1];
    if (s.elapsedSeconds > last.x) { samples.push({ x: s.elapsedSeconds, done: done }); if (samples.length > 600) { samples.shift(); } }
    drawChart();
  }

  function poll() {
    if (busy) { return; }
    busy = true;
    fetch(api(""), { cache: "no-store" }).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    }).then(function (s) {
      set("connection", "");
      render(s);
      if (finished[s.status]) {
        clearInterval(timer);
        showFiles(s.results);
        if (s.results) { loadFailures(); } else { set("failures-note", "No result files: the run did not complete."); }
      }
    }).catch(function (e) { set("connection", "· status unavailable (" + e.message + "), retrying"); })
      .then(function () { busy = false; });
  }

  linkFiles();
  poll();
  timer = setInterval(poll, 1000);
})();
</script>
</body>
</html>
""";
    }
}
