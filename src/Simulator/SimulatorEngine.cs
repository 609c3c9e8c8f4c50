using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Serverless.Simulator;

/// <summary>
/// The decision pipeline for <c>GET /users/{id}</c> and the state it needs, kept apart from hosting so
/// the order of checks reads in one place: ban (403) → concurrency (429) → unknown id (404) → injected
/// 5xx → latency → 200. Checks before admission are cheap and hold no slot, as a real gateway refuses
/// before doing work; everything after admission holds a slot until the answer is written.
/// </summary>
internal sealed class SimulatorEngine
{
    private readonly int _seed;
    private readonly int _userCount;
    private readonly int _retryAfterSeconds;
    private readonly double _internalErrorShare;
    private readonly ConcurrencyGate _gate;
    private readonly BanTracker? _ban;
    private readonly SeededRandom _faults;
    private readonly SeededRandom _jitter;
    private readonly SimulatorCounters _counters = new();
    private readonly SimulatorAuth _auth;
    private readonly HitCounter _hits;
    private readonly string _retryAfterHeader;
    private readonly int _banAfterRequests;
    private readonly int? _banRetryAfterSeconds;
    private int _latencyMs;
    private int _jitterMs;
    private double _errorRate;
    private long _statsSince = Stopwatch.GetTimestamp();

    public SimulatorEngine(SimulatorOptions options)
    {
        _seed = options.Seed;
        _userCount = options.UserCount;
        _retryAfterSeconds = options.RetryAfterSeconds;
        _retryAfterHeader = options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        _internalErrorShare = options.InternalServerErrorShare;
        _latencyMs = options.LatencyMs;
        _jitterMs = options.LatencyJitterMs;
        _errorRate = options.ErrorRate;
        _gate = new ConcurrencyGate(options.ConcurrencyLimit);
        _ban = options.BanEnabled
            ? new BanTracker(options.BanWindow, options.BanMinRequests, options.BanRejectRatio, options.BanCooldown)
            : null;
        _faults = new SeededRandom(options.Seed, stream: 1);
        _jitter = new SeededRandom(options.Seed, stream: 2);
        _hits = new HitCounter(options.UserCount);
        _banAfterRequests = options.BanAfterRequests;
        _banRetryAfterSeconds = options.BanRetryAfterSeconds;
        _auth = new SimulatorAuth(options, _counters);
    }

    public SimulatorAuth Auth => _auth;

    public async Task HandleUserAsync(HttpContext context)
    {
        var requests = Interlocked.Increment(ref _counters.Requests);
        var now = Stopwatch.GetTimestamp();
        // A gateway checks credentials before anything else; a refused caller costs no slot and counts towards no ban.
        if (!_auth.IsAuthorized(context.Request))
        {
            Interlocked.Increment(ref _counters.Unauthorized);
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"simulator\"";
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "missing, wrong or expired credentials", null, null);
            return;
        }

        if (_ban is not null && requests == _banAfterRequests)
        {
            _ban.Impose(now);
            Interlocked.Increment(ref _counters.BanCount);
        }

        if (_ban is not null && _ban.IsBanned(now, out var remaining))
        {
            Interlocked.Increment(ref _counters.Forbidden);
            int? seconds = _banRetryAfterSeconds switch
            {
                null => Math.Max(1, (int)Math.Ceiling(remaining.TotalSeconds)),
                0 => null,
                var fixedSeconds => fixedSeconds,
            };
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "banned: too many requests ignored the rate limit",
                seconds?.ToString(CultureInfo.InvariantCulture), seconds);
            return;
        }

        if (!_gate.TryEnter())
        {
            Interlocked.Increment(ref _counters.TooManyRequests);
            if (_ban is not null && _ban.Record(now, rejected: true))
            {
                Interlocked.Increment(ref _counters.BanCount);
            }

            await RefuseAsync(context, StatusCodes.Status429TooManyRequests, "too many concurrent requests",
                _retryAfterHeader, _retryAfterSeconds);
            return;
        }

        _ban?.Record(now, rejected: false);
        try
        {
            await ServeAdmittedAsync(context);
        }
        finally
        {
            _gate.Exit();
        }
    }

    private async Task ServeAdmittedAsync(HttpContext context)
    {
        if (!TryParseId(context.Request.RouteValues["id"] as string, out var id))
        {
            Interlocked.Increment(ref _counters.NotFound);
            await RefuseAsync(context, StatusCodes.Status404NotFound, "user not found", retryAfterHeader: null, retryAfterSeconds: null);
            return;
        }

        var errorRate = Volatile.Read(ref _errorRate);
        if (errorRate > 0)
        {
            // One draw decides both "fail?" and "which 5xx?", so the failure sequence depends only on the seed.
            var draw = _faults.NextDouble();
            if (draw < errorRate)
            {
                Interlocked.Increment(ref _counters.ServerErrors);
                if (draw < errorRate * _internalErrorShare)
                {
                    await RefuseAsync(context, StatusCodes.Status500InternalServerError, "injected internal error", null, null);
                }
                else
                {
                    await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, "injected unavailability",
                        _retryAfterHeader, _retryAfterSeconds);
                }

                return;
            }
        }

        var delay = Volatile.Read(ref _latencyMs);
        var jitter = Volatile.Read(ref _jitterMs);
        if (jitter > 0)
        {
            delay = Math.Max(0, delay + _jitter.NextInclusive(-jitter, jitter));
        }

        try
        {
            if (delay > 0)
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            await JsonBody.WriteAsync(context, UserFactory.Create(_seed, id), SimulatorJsonContext.Default.SimulatedUser);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            Interlocked.Increment(ref _counters.ClientAborted);
            return;
        }

        Interlocked.Increment(ref _counters.Ok);
        _hits.Record(id);
    }

    private bool TryParseId(string? text, out int id) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out id)
        && id >= 1 && id <= _userCount;

    private static Task RefuseAsync(HttpContext context, int status, string error, string? retryAfterHeader, int? retryAfterSeconds)
    {
        context.Response.StatusCode = status;
        if (retryAfterHeader is not null)
        {
            context.Response.Headers.RetryAfter = retryAfterHeader;
        }

        return JsonBody.WriteAsync(context, new SimulatorError(error, retryAfterSeconds), SimulatorJsonContext.Default.SimulatorError);
    }

    public int ConcurrencyLimit => _gate.Limit;

    public void SetConcurrencyLimit(int limit) => _gate.SetLimit(limit);

    public void SetLatency(int latencyMs, int jitterMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(latencyMs);
        ArgumentOutOfRangeException.ThrowIfNegative(jitterMs);
        Volatile.Write(ref _latencyMs, latencyMs);
        Volatile.Write(ref _jitterMs, jitterMs);
    }

    public void SetErrorRate(double errorRate)
    {
        if (errorRate is < 0 or > 1 || double.IsNaN(errorRate))
        {
            throw new ArgumentOutOfRangeException(nameof(errorRate), errorRate, "Error rate must be within 0..1.");
        }

        Volatile.Write(ref _errorRate, errorRate);
    }

    public int HitsFor(int id) => _hits.HitsFor(id);

    public SimulatorStats Snapshot(bool includeHits)
    {
        var now = Stopwatch.GetTimestamp();
        var remaining = TimeSpan.Zero;
        var banned = _ban is not null && _ban.IsBanned(now, out remaining);
        return new SimulatorStats
        {
            Requests = Interlocked.Read(ref _counters.Requests),
            Ok = Interlocked.Read(ref _counters.Ok),
            TooManyRequests = Interlocked.Read(ref _counters.TooManyRequests),
            Forbidden = Interlocked.Read(ref _counters.Forbidden),
            ServerErrors = Interlocked.Read(ref _counters.ServerErrors),
            NotFound = Interlocked.Read(ref _counters.NotFound),
            ClientAborted = Interlocked.Read(ref _counters.ClientAborted),
            MaxInFlight = _gate.Peak,
            CurrentInFlight = _gate.InFlight,
            ConcurrencyLimit = _gate.Limit,
            BanCount = Interlocked.Read(ref _counters.BanCount),
            Unauthorized = Interlocked.Read(ref _counters.Unauthorized),
            TokenRequests = Interlocked.Read(ref _counters.TokenRequests),
            TokensIssued = Interlocked.Read(ref _counters.TokensIssued),
            IsBanned = banned,
            BanRemainingSeconds = remaining.TotalSeconds,
            DistinctIdsServed = _hits.Distinct,
            DuplicateOk = _hits.Duplicates,
            ElapsedSeconds = Stopwatch.GetElapsedTime(Interlocked.Read(ref _statsSince), now).TotalSeconds,
            OkHitsById = includeHits ? _hits.Copy() : new Dictionary<int, int>(),
        };
    }

    public void ResetStats()
    {
        _counters.Reset();
        _hits.Reset();
        _gate.ResetPeak();
        Interlocked.Exchange(ref _statsSince, Stopwatch.GetTimestamp());
    }

    /// <summary>Back to the state at start (stats, ban, fault and jitter sequences), except steering done through the setters.</summary>
    public void Reset()
    {
        _ban?.Lift();
        _faults.Restart();
        _jitter.Restart();
        ResetStats();
    }

    public void LiftBan() => _ban?.Lift();
}
