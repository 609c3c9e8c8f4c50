namespace Serverless.Core.Http;

/// <summary>
/// The <c>Retry-After</c> a running run's status asks for: a tenth of the run's age, at least 1 s and at most
/// <see cref="MaxSeconds"/>. A young run is often a small one that ends within seconds, and its caller should see the end
/// soon; a run that has gone on for minutes will not end in the next second, and a poll every few seconds tells as much.
/// </summary>
public static class RunPollInterval
{
    public const int MinSeconds = 1;

    public const int MaxSeconds = 15;

    public static int SecondsFor(double elapsedSeconds) =>
        double.IsFinite(elapsedSeconds) ? (int)Math.Clamp(Math.Floor(elapsedSeconds / 10), MinSeconds, MaxSeconds) : MinSeconds;
}
