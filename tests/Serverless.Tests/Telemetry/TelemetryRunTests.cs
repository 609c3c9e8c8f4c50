using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Serverless.Core.Runs;
using Serverless.Core.Telemetry;
using Serverless.Core.Users;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Telemetry;

/// <summary>A user-fetch run on the real engine, exported in memory: one trace from the start to each HTTP call, and the user API metrics.</summary>
public sealed class TelemetryRunTests
{
    const string DurableTask = ServerlessTelemetryExtensions.DurableTaskSource;

    [Fact]
    public async Task A_run_is_one_trace_from_orchestration_to_activities_to_the_HTTP_calls_and_its_metrics_count_in_flight_and_429s()
    {
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        using var inFlight = new InFlightWatcher();
        // An API limit of 2 under a cap of 6: the API answers 429 with Retry-After, and the pipeline retries.
        await using EngineHarness harness = await EngineHarness.StartAsync(
            new SimulatorOptions { LatencyMs = 100, ConcurrencyLimit = 2, RetryAfterSeconds = 1, BanEnabled = false },
            // One user per activity, so each fetch has an activity span of its own to trace.
            settings: new Dictionary<string, string?> { ["UserApi:MaxConcurrency"] = "6", ["UserFetch:BatchSize"] = "1" },
            telemetry: otel => otel
                .WithTracing(tracing => tracing.AddInMemoryExporter(spans))
                .WithMetrics(meters => meters.AddInMemoryExporter(metrics)));

        string runId = await harness.Get<UserFetchStarter>().StartAsync(harness.Engine.Client, Enumerable.Range(1, 12).ToArray());
        RunStatus status = await harness.WaitAsync(runId);
        Assert.Equal("Completed", status.Status);
        // The orchestration's span ends just after the engine records it completed.
        Activity[] all = await SpansUntilAsync(harness, spans, s => s.Any(IsOrchestration(runId)));
        harness.Get<MeterProvider>().ForceFlush();
        SimulatorStats api = harness.Simulator.Snapshot();

        Activity orchestration = One(all, IsOrchestration(runId));
        Activity[] fetches = all.Where(s => s.Source.Name == DurableTask && s.DisplayName == "activity:FetchUserBatchActivity"
                                            && s.Kind == ActivityKind.Server && InstanceOf(s) == runId).ToArray();
        Assert.Equal(12, fetches.Length);
        Assert.All(fetches, fetch =>
        {
            // activity (worker) ← scheduled by (orchestrator) ← the orchestration, all in the orchestration's trace.
            Assert.Equal(orchestration.TraceId, fetch.TraceId);
            Activity scheduled = One(all, s => s.SpanId == fetch.ParentSpanId);
            Assert.Equal(ActivityKind.Client, scheduled.Kind);
            Assert.Equal(orchestration.SpanId, scheduled.ParentSpanId);
        });

        string port = harness.Simulator.BaseUrl.Port.ToString();
        Activity[] calls = all.Where(s => s.DisplayName == "GET" && s.GetTagItem("server.port")?.ToString() == port).ToArray();
        Assert.Equal(api.Ok + api.TooManyRequests, calls.Length);
        Assert.All(calls, call => Assert.Contains(fetches, fetch => fetch.SpanId == call.ParentSpanId && fetch.TraceId == call.TraceId));
        Assert.Equal(api.TooManyRequests, calls.Count(c => c.GetTagItem("http.response.status_code") is 429));
        // The rest of HTTP is the results written to blob storage (port 10000) under the run's trace; the storage
        // provider's own polling of queues and tables (10001, 10002) and the gRPC to the sidecar are left out.
        Activity[] otherHttp = all.Where(s => s.Source.Name == "System.Net.Http" && !calls.Contains(s)).ToArray();
        Assert.NotEmpty(otherHttp);
        Assert.All(otherHttp, s =>
        {
            Assert.Equal("10000", s.GetTagItem("server.port")?.ToString());
            Assert.Equal(orchestration.TraceId, s.TraceId);
        });

        Assert.True(api.TooManyRequests > 0, "the API should have answered 429 at least once");
        Assert.Equal(api.TooManyRequests, Sum(metrics, "serverless.user_api.throttled"));
        // Every 429 is retried, except the last one of a user whose retry budget ran out.
        RunResults results = await RunResults.ReadAsync(harness.Results, status.Results!);
        Assert.Equal(api.TooManyRequests - results.Failed.Count(f => f.StatusCode == 429), Sum(metrics, "serverless.user_api.retries"));
        Assert.Equal(0, Sum(metrics, "serverless.user_api.in_flight"));
        Assert.InRange(inFlight.Peak, 1, 6);
    }

    [Fact]
    public void Article_analysis_is_timed_in_a_span_and_the_NLP_histogram()
    {
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        using (ServiceProvider services = TelemetryOnly(spans, metrics))
        {
            services.GetRequiredService<TracerProvider>();
            MeterProvider meters = services.GetRequiredService<MeterProvider>();

            int result = ServerlessTelemetry.MeasureNlp(["a.txt", "b.txt"], () => 42);

            Assert.Equal(42, result);
            meters.ForceFlush();
        }

        Activity span = One(spans, s => s.DisplayName == "nlp.extract");
        Assert.Equal(["a.txt", "b.txt"], (string[])span.GetTagItem("serverless.articles")!);
        MetricSnapshot histogram = metrics.Last(m => m.Name == "serverless.nlp.duration");
        Assert.Equal("ms", histogram.Unit);
        Assert.Equal(2, histogram.MetricPoints.Sum(p => p.GetHistogramCount()));
    }

    static ServiceProvider TelemetryOnly(List<Activity> spans, List<MetricSnapshot> metrics)
    {
        var services = new ServiceCollection();
        services.AddServerlessTelemetry(
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(),
            "test",
            otel => otel.WithTracing(t => t.AddInMemoryExporter(spans)).WithMetrics(m => m.AddInMemoryExporter(metrics)));
        return services.BuildServiceProvider();
    }

    static T One<T>(IEnumerable<T> items, Func<T, bool> match)
    {
        T[] found = items.Where(match).ToArray();
        Assert.True(found.Length == 1, $"expected one match, found {found.Length}");
        return found[0];
    }

    static Func<Activity, bool> IsOrchestration(string runId) => s =>
        s.Source.Name == DurableTask
            && s.DisplayName == "orchestration:UserFetchOrchestrator" && s.Kind == ActivityKind.Server && InstanceOf(s) == runId;

    static string? InstanceOf(Activity span) => span.GetTagItem("durabletask.task.instance_id")?.ToString();

    static async Task<Activity[]> SpansUntilAsync(EngineHarness harness, List<Activity> spans, Func<Activity[], bool> done)
    {
        for (int i = 0; ; i++)
        {
            harness.Get<TracerProvider>().ForceFlush();
            Activity[] copy;
            lock (spans)
            {
                copy = spans.ToArray();
            }

            if (done(copy) || i == 100)
            {
                return copy;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Last cumulative value of a counter, over all its tag combinations.</summary>
    static long Sum(List<MetricSnapshot> metrics, string name)
    {
        MetricSnapshot? last = metrics.LastOrDefault(m => m.Name == name);
        return last is null ? 0 : last.MetricPoints.Sum(p => p.GetSumLong());
    }

    /// <summary>Follows the in-flight instrument measurement by measurement, to see its peak (an exporter only sees the sum).</summary>
    sealed class InFlightWatcher : IDisposable
    {
        readonly MeterListener listener = new();
        long current;
        long peak;

        public InFlightWatcher()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument == ServerlessTelemetry.UserApiInFlight)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, delta, _, _) =>
            {
                long now = Interlocked.Add(ref current, delta);
                long seen;
                while (now > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen)
                {
                }
            });
            listener.Start();
        }

        public long Peak => Interlocked.Read(ref peak);

        public void Dispose() => listener.Dispose();
    }
}
