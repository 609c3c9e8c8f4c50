namespace Serverless.Simulator;

/// <summary>
/// SplitMix64 mixing. Used instead of <see cref="HashCode"/> or string hashing because those are randomised
/// per process, and user content must be identical across processes, machines and runs.
/// </summary>
internal static class StableHash
{
    public static ulong Mix(ulong a, ulong b)
    {
        var z = a * 0x9E3779B97F4A7C15UL + b + 0x632BE59BD9B4E019UL;
        return Finalise(z);
    }

    public static ulong Finalise(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
