using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Serverless.Core.Telemetry;

/// <summary>
/// Our own spans and instruments, under one name ("Serverless") that the exporters subscribe to. Static because
/// the code that records (a Polly callback, a message handler) is created by frameworks, not by us; a process
/// that subscribes to nothing pays almost nothing for them.
/// </summary>
public static class ServerlessTelemetry
{
    public const string Name = "Serverless";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Requests to the user API on the wire right now (each attempt, retries included).</summary>
    public static readonly UpDownCounter<long> UserApiInFlight = Meter.CreateUpDownCounter<long>(
        "serverless.user_api.in_flight", "{request}", "Requests to the user API in flight, each retry counted");

    /// <summary>Answers telling us to slow down: 429 Too Many Requests and 503 Service Unavailable.</summary>
    public static readonly Counter<long> UserApiThrottled = Meter.CreateCounter<long>(
        "serverless.user_api.throttled", "{response}", "429 and 503 answers from the user API");

    public static readonly Counter<long> UserApiRetries = Meter.CreateCounter<long>(
        "serverless.user_api.retries", "{retry}", "Retries of user API calls by the resilience pipeline");

    public static readonly Histogram<double> NlpDuration = Meter.CreateHistogram<double>(
        "serverless.nlp.duration",
        "ms",
        "Terminology extraction time per article (a group's time shared among its articles), queueing for a CPU slot excluded");

    /// <summary>
    /// Runs the CPU-bound extraction of a group of articles inside a span and records each article's share of its duration:
    /// the articles are extracted together (their model calls are shared), so no article has a time of its own.
    /// </summary>
    public static T MeasureNlp<T>(IReadOnlyList<string> articles, Func<T> extract)
    {
        using Activity? span = Source.StartActivity("nlp.extract");
        span?.SetTag("serverless.articles", articles.ToArray());
        long started = Stopwatch.GetTimestamp();
        try
        {
            return extract();
        }
        finally
        {
            double share = Stopwatch.GetElapsedTime(started).TotalMilliseconds / Math.Max(1, articles.Count);
            foreach (string _ in articles)
            {
                NlpDuration.Record(share);
            }
        }
    }
}
