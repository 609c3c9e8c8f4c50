using System.Globalization;
using System.Net;
using System.Text.Json;
using Xunit;

namespace Serverless.Tests.Infrastructure;

/// <summary>
/// A client of a long job that knows only HTTP's conventions for one (async request-reply), nothing of runs: while an answer is
/// a 202 it waits the whole seconds its <c>Retry-After</c> names and GETs its <c>Location</c>; the first other answer ends it.
/// A 202 without either header fails the test: such a client would not know where or when to ask.
/// </summary>
public static class ConventionalPoller
{
    public static async Task<IReadOnlyList<Answer>> FollowAsync(HttpClient http, HttpResponseMessage accepted, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var answers = new List<Answer>();
        HttpResponseMessage response = accepted;
        while (true)
        {
            Answer answer = await ReadAsync(response, deadline.Token);
            answers.Add(answer);
            if (answer.Status != HttpStatusCode.Accepted)
            {
                return answers;
            }

            Assert.True(answer.Location is not null, $"a 202 without Location: {answer.Body}");
            Assert.True(answer.RetryAfterSeconds is not null, $"a 202 without Retry-After in whole seconds: {answer.Body}");
            await Task.Delay(TimeSpan.FromSeconds(answer.RetryAfterSeconds!.Value), deadline.Token);
            response.Dispose();
            response = await http.GetAsync(answer.Location, deadline.Token);
        }
    }

    static async Task<Answer> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        int? retryAfter = response.Headers.TryGetValues("Retry-After", out IEnumerable<string>? values)
            && int.TryParse(values.Single(), NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) ? seconds : null;
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        return new Answer(response.StatusCode, response.Headers.Location, retryAfter, body, DateTimeOffset.UtcNow);
    }

    /// <summary>One answer as the poller saw it.</summary>
    public sealed record Answer(HttpStatusCode Status, Uri? Location, int? RetryAfterSeconds, string Body, DateTimeOffset At)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        /// <summary>The body's top-level property names, in order: the shape a client parses.</summary>
        public IReadOnlyList<string> Shape => [.. Json.EnumerateObject().Select(p => p.Name)];
    }
}
