using System.Net.Http.Json;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.FunctionsHost;

/// <summary>The host answers a start and a running run's status with 202, <c>Location</c> and <c>Retry-After</c>, the end with 200.</summary>
[Collection(FunctionsHostCollection.Name)]
public sealed class HostAsyncRequestReplyTests(FunctionsHostFixture host)
{
    [FunctionsHostFact]
    public async Task A_poller_that_knows_only_http_conventions_follows_a_run_to_its_end_under_the_host()
    {
        // 300 users at the fixture's 200 ms, 20 at once: about 3 s of calls.
        using HttpResponseMessage started = await host.Http.PostAsJsonAsync("api/users/fetch", new { from = 1, count = 300 });
        IReadOnlyList<ConventionalPoller.Answer> answers = await ConventionalPoller.FollowAsync(host.Http, started, TimeSpan.FromMinutes(2));

        RunAssertions.FollowedToTheEnd(answers, new Uri(host.BaseUrl, "api/runs/"), total: 300);
    }
}
