namespace Serverless.Core.Terminology;

/// <summary>
/// How texts are handed to <see cref="ITerminologyExtractor.ExtractAll"/>: a few at a time, so their shortlisted phrases
/// share the model's calls. On the 500 Inspec validation abstracts (2 threads), groups of 8 took 0.86–0.94 × the time of
/// one text at a time (4: 0.88–0.98 ×, 2: 0.95–1.04 ×), with the same terms for every abstract; a larger group is a longer
/// tail when a run's last group runs alone.
/// </summary>
public static class ExtractionGroups
{
    /// <summary>Most texts in one group.</summary>
    public const int MaxTexts = 8;

    /// <summary>
    /// Splits <paramref name="count"/> texts into groups of near-equal size for <paramref name="workers"/> analyses at once:
    /// never fewer groups than workers (while there are texts for them), so a lone batch still fills every core.
    /// </summary>
    public static Range[] Split(int count, int workers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        if (count == 0)
        {
            return [];
        }

        int size = Math.Min(MaxTexts, (count + workers - 1) / workers);
        int groups = (count + size - 1) / size;
        return [.. Enumerable.Range(0, groups).Select(g => new Range(g * count / groups, (g + 1) * count / groups))];
    }
}
