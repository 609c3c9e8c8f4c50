using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Serverless.Local.Tuning;

/// <summary>The steps the ramp took and the caps it recommends.</summary>
public sealed record IoRampResult(
    Uri Api,
    IReadOnlyList<IoStep> Steps,
    int LastGoodConcurrency,
    IoVerdict StopReason,
    bool CeilingReached,
    int RecommendedMaxConcurrency,
    double? RecommendedRequestsPerSecond,
    string Explanation);

/// <summary>
/// Finds how many requests at once an API takes: doubles the concurrency (1, 2, 4, …, up to the ceiling) until a
/// level is refused (429, 403, errors) or stops scaling (latency up, throughput flat), then bisects between the last
/// good and the first bad level. A level ends at the FIRST refusal: no new request is sent after it, and the next level
/// waits the API's Retry-After, because an API that bans clients judges them by how they behave after a 429.
/// </summary>
public sealed class IoRamp(HttpClient http, IoRampOptions options)
{
    public async Task<IoRampResult> RunAsync(Action<IoStep>? progress = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var steps = new List<IoStep>();
        IoStep? good = null;
        IoStep? bad = null;
        double bestP50 = double.PositiveInfinity;
        int next = 1;

        // The first requests pay for connections and both sides' JIT; they would set a latency baseline no later
        // level can rise above. A refusal here is real, though, and is kept as the first step.
        IoStep warmUp = await RunStepAsync(1, cancellationToken);
        bool warmUpRefused = warmUp.Throttled + warmUp.Forbidden > 0;
        while (true)
        {
            IoStep step = warmUpRefused ? Record(warmUp with { Verdict = Judge(warmUp, good, bestP50) }) : await MeasureAsync(next);
            warmUpRefused = false;
            if (step.Verdict is IoVerdict.LatencyRise or IoVerdict.Plateau)
            {
                // Soft signals come from timing, and one slow connection set-up can fake them: the level is measured
                // again, and only a second bad result counts. Both measurements stay in the report.
                step = await MeasureAsync(next);
            }

            if (step.Verdict == IoVerdict.Good)
            {
                good = step;
                bestP50 = Math.Min(bestP50, step.P50Ms ?? double.PositiveInfinity);
            }
            else
            {
                bad = step;
                if (step.Verdict == IoVerdict.Banned)
                {
                    break;
                }

                if (step.RetryAfterSeconds is not null || step.Verdict is IoVerdict.Throttled or IoVerdict.Errors)
                {
                    // Retry-After, or a second when a refusal carried none: the API asked for a pause.
                    TimeSpan pause = TimeSpan.FromSeconds(step.RetryAfterSeconds ?? 1);
                    await Task.Delay(pause < options.MaxRetryAfterWait ? pause : options.MaxRetryAfterWait, cancellationToken);
                }
            }

            int low = good?.Concurrency ?? 0;
            if (bad is null)
            {
                if (low >= options.MaxConcurrency)
                {
                    break;
                }

                next = Math.Min(low * 2, options.MaxConcurrency);
            }
            else
            {
                // Close enough: within one request or 5 % of the good level.
                if (bad.Concurrency - low <= Math.Max(1, (int)(low * 0.05)))
                {
                    break;
                }

                next = low + (bad.Concurrency - low) / 2;
            }
        }

        return Recommend(steps, good, bad);

        async Task<IoStep> MeasureAsync(int concurrency)
        {
            IoStep measured = await RunStepAsync(concurrency, cancellationToken);
            return Record(measured with { Verdict = Judge(measured, good, bestP50) });
        }

        IoStep Record(IoStep step)
        {
            steps.Add(step);
            progress?.Invoke(step);
            return step;
        }
    }

    IoRampResult Recommend(List<IoStep> steps, IoStep? good, IoStep? bad)
    {
        int lastGood = good?.Concurrency ?? 0;
        if (bad is null)
        {
            return new IoRampResult(http.BaseAddress!, steps, lastGood, IoVerdict.Good, CeilingReached: true, lastGood, null,
                $"every level up to the ceiling ({options.MaxConcurrency}) was served without refusals or queueing; the API may take " +
                $"more (raise --max-concurrency to look further).");
        }

        // A refusal means the last good level was already close to a hard limit: keep a margin under it.
        // Queueing or a plateau is a soft limit, and the last good level is still where throughput paid off.
        bool refused = bad.Verdict is IoVerdict.Throttled or IoVerdict.Banned or IoVerdict.Errors;
        int cap = Math.Max(1, refused ? (int)Math.Round(lastGood * options.SafetyMargin, MidpointRounding.AwayFromZero) : lastGood);

        // A concurrency limiter refuses the first wave over its limit at once; a rate limiter lets a burst through
        // and refuses once its budget is spent. Only the second needs a client-side rate on top of the cap.
        double serviceMs = good?.P50Ms ?? 0;
        bool rateLimited = bad.Verdict == IoVerdict.Throttled && good is not null && bad.FirstThrottleMs > 2 * serviceMs;
        double? rate = rateLimited ? Math.Floor(good!.Throughput * options.SafetyMargin * 10) / 10 : null;
        string why = bad.Verdict switch
        {
            IoVerdict.Throttled when rateLimited => string.Create(CultureInfo.InvariantCulture,
                $"429s began {bad.FirstThrottleMs:F0} ms into a level of {bad.Concurrency}, after a burst was served: a rate limit; cap " +
                $"{cap} and a rate of {rate} requests/s (last good level served {good!.Throughput:F1}/s)."),
            IoVerdict.Throttled =>
                $"429s at {bad.Concurrency} at once, none at {lastGood}: a concurrency limit near {lastGood}; cap {cap} " +
                $"({options.SafetyMargin * 100:F0} % of it).",
            IoVerdict.Banned =>
                $"the API answered 403 (banned?) at {bad.Concurrency}: the ramp stopped; cap {cap}. Check the API's terms before tuning " +
                $"against it again.",
            IoVerdict.Errors => $"server errors at {bad.Concurrency}, few at {lastGood}; cap {cap}.",
            IoVerdict.LatencyRise =>
                $"median latency rose past {options.LatencyRiseFactor}x the best at {bad.Concurrency}: requests queue there; cap {cap}.",
            _ => $"throughput stopped growing with concurrency at {bad.Concurrency}; cap {cap}.",
        };
        if (lastGood == 0)
        {
            why = $"even 1 request at a time was refused or slow ({bad.Verdict}); cap 1, and check whether someone else is using " +
                "the API's allowance.";
        }

        return new IoRampResult(http.BaseAddress!, steps, lastGood, bad.Verdict, CeilingReached: false, cap, rate, why);
    }

    IoVerdict Judge(IoStep step, IoStep? lastGood, double bestP50)
    {
        if (step.Forbidden > 0)
        {
            return IoVerdict.Banned;
        }

        if (step.Throttled > 0)
        {
            return IoVerdict.Throttled;
        }

        if (step.Requests == 0 || step.Errors > options.MaxErrorShare * step.Requests)
        {
            return IoVerdict.Errors;
        }

        if (step.P50Ms > options.LatencyRiseFactor * bestP50)
        {
            return IoVerdict.LatencyRise;
        }

        if (lastGood is not null && step.Concurrency > lastGood.Concurrency
            && step.Throughput < lastGood.Throughput * (1 + options.MinScaling * ((double)step.Concurrency / lastGood.Concurrency - 1)))
        {
            return IoVerdict.Plateau;
        }

        return IoVerdict.Good;
    }

    /// <summary>
    /// Holds <paramref name="concurrency"/> closed-loop callers for the step duration. On the first 429 or 403 every
    /// caller stops sending; requests already in flight are left to finish (cancelling them would only waste the API's work).
    /// </summary>
    async Task<IoStep> RunStepAsync(int concurrency, CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        int requests = 0, ok = 0, throttled = 0, forbidden = 0, errors = 0, nextId = 0;
        double? firstThrottleMs = null, retryAfter = null;
        var gate = new Lock();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(options.StepDuration);
        var clock = Stopwatch.StartNew();

        async Task CallerAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                int id = Interlocked.Increment(ref nextId) % options.UserIds + 1;
                long started = Stopwatch.GetTimestamp();
                HttpStatusCode? status = null;
                TimeSpan? hint = null;
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(options.RequestTimeout);
                    using HttpResponseMessage response = await http.GetAsync($"users/{id}", HttpCompletionOption.ResponseContentRead, timeout.Token);
                    status = response.StatusCode;
                    hint = response.Headers.RetryAfter?.Delta
                        ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    // Transport failure or request timeout: an error, counted below.
                }

                double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (gate)
                {
                    requests++;
                    switch (status)
                    {
                        case HttpStatusCode.TooManyRequests or HttpStatusCode.Forbidden:
                            if (status == HttpStatusCode.TooManyRequests)
                            {
                                throttled++;
                                firstThrottleMs ??= clock.Elapsed.TotalMilliseconds;
                            }
                            else
                            {
                                forbidden++;
                            }

                            retryAfter = Math.Max(retryAfter ?? 0, hint?.TotalSeconds ?? 0);
                            stop.Cancel(); // the first refusal ends the level for every caller
                            break;
                        case { } code when (int)code < 400 || code == HttpStatusCode.NotFound:
                            // 404 is a served request too: a real API may simply not know the id.
                            ok++;
                            latencies.Add(ms);
                            break;
                        default:
                            errors++;
                            break;
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(CallerAsync, CancellationToken.None)));
        cancellationToken.ThrowIfCancellationRequested();
        double seconds = clock.Elapsed.TotalSeconds;
        latencies.Sort();
        return new IoStep(concurrency, requests, ok, throttled, forbidden, errors, seconds, ok / seconds,
            Percentile(latencies, 0.50), Percentile(latencies, 0.95), firstThrottleMs, retryAfter > 0 ? retryAfter : null, IoVerdict.Good);
    }

    static double? Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
