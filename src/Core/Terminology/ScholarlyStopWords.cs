namespace Serverless.Core.Terminology;

/// <summary>
/// Words of scholarly apparatus that are never part of a term: the abbreviations papers use to point at figures,
/// equations, sections and references, Latin connectives, and "due", which heads a preposition ("due to").
/// Part of <see cref="StopWords"/>; abbreviations appear as Lucene tokenises them ("e.g." is "e.g", "et al." is
/// "et" and "al").
/// </summary>
public static class ScholarlyStopWords
{
    public static IReadOnlyList<string> Words { get; } =
    [
        "due", "et", "al", "e.g", "i.e", "eg", "ie", "etc", "cf", "vs", "viz", "resp", "approx", "fig", "figs",
        "eq", "eqs", "eqn", "eqns", "ref", "refs", "sec", "secs", "sect", "tab", "pp", "vol", "ibid", "w.r.t", "wrt",
        "a.k.a", "aka", "doi", "indeed", "thereof", "therein", "hereafter",
    ];
}
