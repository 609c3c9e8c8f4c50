using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Connections;

namespace Serverless.Simulator;

/// <summary>
/// Maps every <see cref="SimulatorOptions"/> property to a flag, defaulting to the class's own defaults so the
/// standalone simulator and the in-process one behave the same unless told otherwise.
/// </summary>
internal sealed class SimulatorCommandLine
{
    private static readonly SimulatorOptions Defaults = new();

    private readonly Option<int> _port = new("--port")
    {
        Description = "Loopback port to listen on (0 = pick a free one).",
        DefaultValueFactory = _ => 5080,
    };

    private readonly Option<int> _latency = new("--latency-ms")
    {
        Description = "Service time per admitted request.",
        DefaultValueFactory = _ => Defaults.LatencyMs,
    };

    private readonly Option<int> _jitter = new("--jitter-ms", "--latency-jitter-ms")
    {
        Description = "± uniform jitter on the latency, from the seeded RNG.",
        DefaultValueFactory = _ => Defaults.LatencyJitterMs,
    };

    private readonly Option<int> _limit = new("--limit", "--concurrency-limit")
    {
        Description = "Concurrent requests served before 429 (0 = unlimited).",
        DefaultValueFactory = _ => Defaults.ConcurrencyLimit,
    };

    private readonly Option<int> _retryAfter = new("--retry-after", "--retry-after-seconds")
    {
        Description = "Retry-After seconds on 429 and 503.",
        DefaultValueFactory = _ => Defaults.RetryAfterSeconds,
    };

    private readonly Option<double> _errorRate = new("--error-rate")
    {
        Description = "Fraction (0..1) of requests answered with an injected 5xx.",
        DefaultValueFactory = _ => Defaults.ErrorRate,
    };

    private readonly Option<double> _internalShare = new("--internal-error-share")
    {
        Description = "Share of injected 5xx that are 500 rather than 503.",
        DefaultValueFactory = _ => Defaults.InternalServerErrorShare,
    };

    private readonly Option<int> _users = new("--users", "--user-count")
    {
        Description = "Ids 1..N exist; others are 404.",
        DefaultValueFactory = _ => Defaults.UserCount,
    };

    private readonly Option<int> _seed = new("--seed")
    {
        Description = "Seed for user content, faults and jitter.",
        DefaultValueFactory = _ => Defaults.Seed,
    };

    private readonly Option<bool> _ban = new("--ban-enabled", "--ban")
    {
        Description = "Ban clients that keep pushing through 429s (true/false).",
        DefaultValueFactory = _ => Defaults.BanEnabled,
    };

    private readonly Option<double> _banWindow = new("--ban-window-seconds")
    {
        Description = "Sliding window judged for a ban.",
        DefaultValueFactory = _ => Defaults.BanWindow.TotalSeconds,
    };

    private readonly Option<int> _banMin = new("--ban-min-requests")
    {
        Description = "Requests needed in the window before a ban can trigger.",
        DefaultValueFactory = _ => Defaults.BanMinRequests,
    };

    private readonly Option<double> _banRatio = new("--ban-reject-ratio")
    {
        Description = "Fraction of 429s in the window that triggers a ban.",
        DefaultValueFactory = _ => Defaults.BanRejectRatio,
    };

    private readonly Option<double> _banCooldown = new("--ban-cooldown-seconds")
    {
        Description = "How long a ban lasts (403 meanwhile).",
        DefaultValueFactory = _ => Defaults.BanCooldown.TotalSeconds,
    };

    private readonly Option<string?> _apiKey = new("--api-key")
    {
        Description = "Require this API key (in --api-key-header) on every user request.",
    };

    private readonly Option<string> _apiKeyHeader = new("--api-key-header")
    {
        Description = "Header carrying the API key.",
        DefaultValueFactory = _ => Defaults.ApiKeyHeader,
    };

    private readonly Option<string?> _bearerToken = new("--bearer-token")
    {
        Description = "Require Authorization: Bearer with this fixed token.",
    };

    private readonly Option<string?> _clientId = new("--client-id")
    {
        Description = "OAuth2 client credentials: the client id POST /oauth/token accepts (with --client-secret).",
    };

    private readonly Option<string?> _clientSecret = new("--client-secret")
    {
        Description = "OAuth2 client credentials: the client secret; user requests then need a token from /oauth/token.",
    };

    private readonly Option<double> _tokenLifetime = new("--token-lifetime-seconds")
    {
        Description = "How long an issued token works (expires_in).",
        DefaultValueFactory = _ => Defaults.TokenLifetime.TotalSeconds,
    };

    private readonly Option<TokenEndpointFault> _tokenFault = new("--token-fault")
    {
        Description = "Token endpoint misbehaves: 500 (ServerError), a body that is not JSON (BadJson), tokens the API refuses (RefusedToken).",
        DefaultValueFactory = _ => Defaults.TokenEndpointFault,
    };

    public RootCommand Build()
    {
        var root = new RootCommand("Rate-limited third-party user API simulator (loopback only). Prints its base URL on the first stdout line.");
        Option[] options =
        [
            _port, _latency, _jitter, _limit, _retryAfter, _errorRate, _internalShare, _users, _seed, _ban, _banWindow, _banMin, _banRatio,
            _banCooldown, _apiKey, _apiKeyHeader, _bearerToken, _clientId, _clientSecret, _tokenLifetime, _tokenFault,
        ];
        foreach (var option in options)
        {
            root.Options.Add(option);
        }

        root.SetAction(RunAsync);
        return root;
    }

    /// <summary>Parses flags into options without starting anything, so the mapping itself can be tested.</summary>
    internal (SimulatorOptions Options, int Port, IReadOnlyList<string> Errors) Read(string[] args)
    {
        var parsed = Build().Parse(args);
        return (ToOptions(parsed), parsed.GetValue(_port), parsed.Errors.Select(e => e.Message).ToList());
    }

    private SimulatorOptions ToOptions(ParseResult parsed) => new()
    {
        LatencyMs = parsed.GetValue(_latency),
        LatencyJitterMs = parsed.GetValue(_jitter),
        ConcurrencyLimit = parsed.GetValue(_limit),
        RetryAfterSeconds = parsed.GetValue(_retryAfter),
        ErrorRate = parsed.GetValue(_errorRate),
        InternalServerErrorShare = parsed.GetValue(_internalShare),
        UserCount = parsed.GetValue(_users),
        Seed = parsed.GetValue(_seed),
        BanEnabled = parsed.GetValue(_ban),
        BanWindow = TimeSpan.FromSeconds(parsed.GetValue(_banWindow)),
        BanMinRequests = parsed.GetValue(_banMin),
        BanRejectRatio = parsed.GetValue(_banRatio),
        BanCooldown = TimeSpan.FromSeconds(parsed.GetValue(_banCooldown)),
        ApiKey = parsed.GetValue(_apiKey),
        ApiKeyHeader = parsed.GetValue(_apiKeyHeader)!,
        BearerToken = parsed.GetValue(_bearerToken),
        ClientId = parsed.GetValue(_clientId),
        ClientSecret = parsed.GetValue(_clientSecret),
        TokenLifetime = TimeSpan.FromSeconds(parsed.GetValue(_tokenLifetime)),
        TokenEndpointFault = parsed.GetValue(_tokenFault),
    };

    /// <summary>Which credentials are required, never their values.</summary>
    private static string AuthSummary(SimulatorOptions options)
    {
        var modes = new List<string>();
        if (options.ApiKey is not null)
        {
            modes.Add($"API key in {options.ApiKeyHeader}");
        }

        if (options.BearerToken is not null)
        {
            modes.Add("fixed bearer token");
        }

        if (options.ClientId is not null)
        {
            modes.Add(string.Create(
                CultureInfo.InvariantCulture, $"client credentials at {SimulatorAuth.TokenPath} ({options.TokenLifetime.TotalSeconds} s tokens)"));
        }

        return modes.Count == 0 ? "none" : string.Join(" or ", modes);
    }

    private async Task<int> RunAsync(ParseResult parsed, CancellationToken stop)
    {
        ApiSimulator simulator;
        var options = ToOptions(parsed);
        try
        {
            options.Validate();
            simulator = await ApiSimulator.StartAsync(options, parsed.GetValue(_port), stop);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        catch (IOException e) when (e.InnerException is AddressInUseException)
        {
            int port = parsed.GetValue(_port);
            await Console.Error.WriteLineAsync(
                $"simulator: port {port} on 127.0.0.1 is already in use; stop what listens there or pick another port with --port " +
                $"(--port 0 picks a free one).");
            return 1;
        }

        await using (simulator)
        {
            // The URL alone on the first stdout line, so scripts can read it without parsing prose.
            Console.Out.WriteLine(simulator.BaseUrl.ToString().TrimEnd('/'));
            Console.Out.Flush();
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"simulator: latency {options.LatencyMs}±{options.LatencyJitterMs} ms, limit {options.ConcurrencyLimit}, " +
                $"error rate {options.ErrorRate}, users {options.UserCount}, seed {options.Seed}, " +
                $"ban {(options.BanEnabled ? "on" : "off")}, auth {AuthSummary(options)}; Ctrl+C to stop"));

            try
            {
                // Ctrl+C and SIGTERM cancel this token (System.CommandLine's process-termination handling).
                await Task.Delay(Timeout.Infinite, stop);
            }
            catch (OperationCanceledException)
            {
            }

            var s = simulator.SnapshotCounters();
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"simulator: {s.Requests} requests in {s.ElapsedSeconds:F1} s: {s.Ok} ok, {s.TooManyRequests} 429, {s.Forbidden} 403, " +
                $"{s.ServerErrors} 5xx, {s.NotFound} 404, {s.Unauthorized} 401; max in flight {s.MaxInFlight}; bans {s.BanCount}; " +
                $"tokens issued {s.TokensIssued}"));
        }

        return 0;
    }
}
