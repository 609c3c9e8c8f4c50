using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;
using Serverless.Core.Options;

namespace Serverless.Core.Users;

/// <summary>
/// The Polly v8 pipeline around every call to the user API, outermost first:
/// total timeout → retry (jittered exponential backoff, Retry-After honoured) → circuit breaker → rate limiter → per-attempt timeout.
/// The limiter sits inside the retry so that every attempt, not just every user, spends a permit. Each attempt reads the
/// response body inside the per-attempt timeout (see <see cref="UserApiClient"/>), so a body that stalls or drips is bounded too.
/// Built per <see cref="UserApiSettings"/> by <see cref="UserApiPipelines"/>: a run's batches use the settings the run started with.
/// </summary>
public static class UserApiResilience
{
    /// <summary>Attempts made for one request, written by the retry strategy into the request's resilience context.</summary>
    public static readonly ResiliencePropertyKey<int> AttemptsKey = new("serverless.attempts");

    /// <summary>Set when any attempt met 429 or 503: the API telling us to slow down, which the adaptive window reacts to.</summary>
    public static readonly ResiliencePropertyKey<bool> ThrottledKey = new("serverless.throttled");

    /// <param name="breaker">Where the breaker notes what opened it, so a fetch it refuses can say why.</param>
    /// <returns>The rate limiter the pipeline uses, if any: the pipeline does not own it, its owner disposes it.</returns>
    public static RateLimiter? Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> builder, UserApiSettings options, TimeProvider time, CircuitMemory breaker)
    {
        builder.AddTimeout(options.TotalTimeout);
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, options.MaxRetries),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = options.MaxRetryDelay,
            // Our delay generator reads Retry-After itself so it can add jitter: a plain Retry-After
            // makes every rejected caller come back in the same instant and collide again.
            ShouldRetryAfterHeader = false,
            ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && IsRetryable(args.Outcome)),
            DelayGenerator = args => ValueTask.FromResult(ServerRequestedDelay(args.Outcome, options, time)),
            OnRetry = args =>
            {
                args.Context.Properties.Set(AttemptsKey, args.AttemptNumber + 2);
                Telemetry.ServerlessTelemetry.UserApiRetries.Add(1);
                if (args.Outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
                {
                    args.Context.Properties.Set(ThrottledKey, true);
                }

                return ValueTask.CompletedTask;
            },
        });

        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakerBreakDuration,
            // 429 is the API pacing us, answered by waiting Retry-After; it is not a sign the API is down.
            ShouldHandle = args => ValueTask.FromResult(IsFault(args.Outcome)),
            OnOpened = args =>
            {
                breaker.Opened(UserApiFailures.DescribeAttempt(args.Outcome));
                return ValueTask.CompletedTask;
            },
        });

        RateLimiter? limiter = options.RequestsPerSecond is { } rps ? CreateLimiter(rps) : null;
        if (limiter is not null)
        {
            builder.AddRateLimiter(limiter);
        }

        builder.AddTimeout(options.AttemptTimeout);
        return limiter;
    }

    public static int AttemptsOf(ResilienceContext context) =>
        context.Properties.TryGetValue(AttemptsKey, out int attempts) ? attempts : 1;

    public static bool WasThrottled(ResilienceContext context) =>
        context.Properties.TryGetValue(ThrottledKey, out bool throttled) && throttled;

    /// <summary>A token bucket refilled in small steps, so a rate of 50/s does not arrive as one burst of 50.</summary>
    public static RateLimiter CreateLimiter(double requestsPerSecond)
    {
        int tokensPerStep = Math.Max(1, (int)Math.Round(requestsPerSecond / 10));
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokensPerStep,
            TokensPerPeriod = tokensPerStep,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokensPerStep / requestsPerSecond),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    static bool IsRetryable(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: BrokenCircuitException or RateLimiterRejectedException } => true,
        { Result.StatusCode: HttpStatusCode.TooManyRequests } => true,
        _ => IsFault(outcome),
    };

    static bool IsFault(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        // An IOException is the connection failing while the body is read (HttpIOException: the response ended early).
        { Exception: HttpRequestException or IOException or TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout,
        _ => false,
    };

    /// <summary>What a response's Retry-After asks for, as a delay from now (a date in the past is no delay), or null.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date - time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero,
        _ => null,
    };

    static TimeSpan? ServerRequestedDelay(Outcome<HttpResponseMessage> outcome, UserApiSettings options, TimeProvider time)
    {
        TimeSpan? requested = outcome switch
        {
            { Exception: BrokenCircuitException { RetryAfter: { } after } } => after,
            { Result: { } response } => RetryAfter(response, time),
            _ => null,
        };
        if (requested is null)
        {
            return null; // no server hint: the strategy's own jittered exponential backoff applies
        }

        TimeSpan jitter = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Max(50, requested.Value.TotalMilliseconds * 0.25));
        TimeSpan delay = (requested.Value < TimeSpan.Zero ? TimeSpan.Zero : requested.Value) + jitter;
        return delay > options.MaxRetryDelay ? options.MaxRetryDelay : delay;
    }
}
