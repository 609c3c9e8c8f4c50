using System.Net;

namespace Serverless.Core.Telemetry;

/// <summary>
/// Sits inside the resilience pipeline, so it sees every attempt on the wire: the in-flight count and the
/// throttling answers are about what the API experiences, not about how many users we are fetching.
/// </summary>
public sealed class UserApiMetricsHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ServerlessTelemetry.UserApiInFlight.Add(1);
        try
        {
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            {
                ServerlessTelemetry.UserApiThrottled.Add(1, new KeyValuePair<string, object?>("http.response.status_code", (int)response.StatusCode));
            }

            return response;
        }
        finally
        {
            ServerlessTelemetry.UserApiInFlight.Add(-1);
        }
    }
}
