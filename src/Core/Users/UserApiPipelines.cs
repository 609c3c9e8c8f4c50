using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Polly;
using Serverless.Core.Options;

namespace Serverless.Core.Users;

/// <summary>
/// One resilience pipeline per distinct <see cref="UserApiSettings"/> in this process, kept for its lifetime: the breaker's
/// state and the rate limiter's tokens belong to an API called a given way, and are shared by every run that calls it so.
/// </summary>
public sealed class UserApiPipelines(TimeProvider time, ILoggerFactory loggers) : IDisposable
{
    public const string PipelineName = "user-api";

    readonly ConcurrentDictionary<UserApiSettings, Lazy<Entry>> pipelines = new();

    public ResiliencePipeline<HttpResponseMessage> For(UserApiSettings settings, out CircuitMemory breaker)
    {
        Entry entry = pipelines.GetOrAdd(settings, key => new Lazy<Entry>(() => Build(key))).Value;
        breaker = entry.Breaker;
        return entry.Pipeline;
    }

    public void Dispose()
    {
        foreach (Lazy<Entry> entry in pipelines.Values.Where(e => e.IsValueCreated))
        {
            entry.Value.Limiter?.Dispose();
        }
    }

    Entry Build(UserApiSettings settings)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>
        {
            TimeProvider = time,
            Name = PipelineName,
            InstanceName = UserApiFailures.ShownUrl(settings.BaseUrl),
        };
        // Polly's own logs and metrics (retries and failed attempts as warnings), as the HttpClient resilience handler gave them.
        builder.ConfigureTelemetry(loggers);
        var breaker = new CircuitMemory();
        RateLimiter? limiter = UserApiResilience.Configure(builder, settings, time, breaker);
        return new Entry(builder.Build(), breaker, limiter);
    }

    sealed record Entry(ResiliencePipeline<HttpResponseMessage> Pipeline, CircuitMemory Breaker, RateLimiter? Limiter);
}
