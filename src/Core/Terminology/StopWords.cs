using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Serverless.Core.Terminology;

/// <summary>
/// Words that never start, end or sit inside a key phrase, whatever the tagger calls them: Lucene's Snowball English
/// list (function words) plus the reporting verbs, adverbs and vague modifiers that scientific abstracts use around
/// their terms ("we propose a novel ... based on ..."), where a tagger's noun or adjective reading would still be no term.
/// </summary>
public static class StopWords
{
    // Reporting verbs, discourse markers and generic modifiers of scientific prose. A word is listed only
    // when it is rarely part of a technical term; nouns that also act as verbs ("model", "design", "test")
    // are deliberately absent, and so are adjectives that often start terms ("high", "real", "linear").
    private static readonly string[] ScientificProse =
    [
        // function words missing from the Snowball list
        "also", "may", "might", "can", "will", "shall", "must", "upon", "within", "without", "via", "among", "amongst",
        "thus", "hence", "therefore", "however", "moreover", "furthermore", "although", "though", "whether", "either",
        "neither", "yet", "still", "even", "much", "many", "several", "various", "well", "often", "usually", "already",
        "always", "never", "rather", "quite", "just", "since", "unless", "whereas", "wherein", "whereby", "thereby",
        "per", "etc", "e.g", "i.e", "eg", "ie", "et", "al", "versus", "vs", "toward", "towards", "onto", "across",
        "along", "around", "behind", "beyond", "despite", "throughout", "unlike", "like", "whose", "whom", "else",
        "every", "another", "less", "least", "mostly", "almost", "instead", "namely", "respectively", "together",
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first", "second", "third",
        "fourth", "fifth", "last", "next", "previous", "previously", "finally", "firstly", "secondly", "lastly",
        "here", "there", "herein", "now", "then", "today", "currently", "recently", "new", "novel",
        // vague modifiers
        "different", "certain", "specific", "particular", "important", "significant", "main", "major", "good",
        "better", "best", "simple", "possible", "available", "useful", "recent", "current", "typical",
        "whole", "entire", "additional", "existing", "respective", "corresponding", "appropriate", "suitable",
        "relevant", "necessary", "sufficient", "able", "unable", "great", "greater", "present", "related", "similar",
        "usual", "common", "commonly", "widely", "previously", "successful", "successfully", "efficiently",
        "effectively", "interesting", "promising", "powerful", "traditional", "conventional", "proper", "numerous",
        "considerable", "substantial", "basic", "overall", "actual", "prior", "convenient", "extensive",
        "detailed", "careful",
        // reporting and linking verbs of scientific prose, in their unambiguous forms
        "paper", "article", "authors", "author", "we", "our", "us", "present", "presents", "presented", "presenting",
        "propose", "proposes", "proposed", "proposing", "describe", "describes", "described", "describing", "show",
        "shows", "showed", "shown", "showing", "discuss", "discusses", "discussed", "discussing", "investigate",
        "investigates", "investigated", "investigating", "demonstrate", "demonstrates", "demonstrated",
        "demonstrating", "consider", "considers", "considered", "considering", "examine", "examines", "examined",
        "examining", "introduce", "introduces", "introduced", "introducing", "provide", "provides", "provided",
        "providing", "allow", "allows", "allowed", "allowing", "enable", "enables", "enabled", "enabling", "require",
        "requires", "required", "requiring", "obtain", "obtains", "obtained", "obtaining", "achieve", "achieves",
        "achieved", "achieving", "compare", "compares", "compared", "comparing", "perform", "performs", "performed",
        "use", "uses", "used", "using", "utilize", "utilizes", "utilized", "utilizing", "employ", "employs",
        "employed", "employing", "based", "give", "gives", "gave", "given", "giving", "take", "takes", "took",
        "taken", "taking", "make", "makes", "made", "making", "lead", "leads", "led", "yield", "yields", "yielded",
        "include", "includes", "included", "including", "contain", "contains", "contained", "containing", "suggest",
        "suggests", "suggested", "indicate", "indicates", "indicated", "find", "finds", "found", "seem", "seems",
        "seemed", "appear", "appears", "appeared", "become", "becomes", "became", "remain", "remains", "remained",
        "tend", "tends", "help", "helps", "helped", "need", "needs", "needed", "try", "tries", "tried", "aim",
        "aims", "aimed", "focus", "focuses", "focused", "deal", "deals", "dealt", "explore", "explores", "explored",
        "evaluate", "evaluates", "evaluated", "analyze", "analyzes", "analyzed", "analyse", "analyses", "analysed",
        "illustrate", "illustrates", "illustrated", "outline", "outlines", "outlined", "argue", "argues", "argued",
        "conclude", "concludes", "concluded", "observe", "observes", "observed", "establish", "establishes",
        "established", "explain", "explains", "explained", "solve", "solves", "solved", "improve", "improves",
        "improved", "reduce", "reduces", "reduced", "determine", "determines", "determined", "identify",
        "identifies", "identified", "depend", "depends", "depending", "exhibit", "exhibits", "exhibited", "produce",
        "produces", "produced", "generate", "generates", "generated", "exploit", "exploits", "exploited",
        "represent", "represents", "represented", "involve", "involves", "involved", "involving", "consist",
        "consists", "consisting", "ensure", "ensures", "ensured", "combine", "combines", "combined", "capture",
        "captures", "captured", "define", "defines", "defined", "extend", "extends", "extended", "predict",
        "predicts", "predicted", "rely", "relies", "relied", "call", "called", "known", "according", "regarding",
        "concerning", "following", "resulting", "results", "result", "resulted", "applied", "applies", "apply",
        "applying", "develop", "develops", "developed", "developing", "get", "gets", "got", "let", "lets", "see",
        "seen", "say", "said", "know", "want", "like", "think", "thought", "allowing", "addressed", "address",
        "implemented", "reported", "reports", "studied", "paper's", "way", "ways", "kind", "kinds", "terms", "lot",
        "lots", "fact", "means", "aspect", "aspects",
    ];

    /// <summary>The combined stop set, lower case.</summary>
    public static CharArraySet Set { get; } = Build();

    public static bool Contains(string lowerCaseWord) => Set.Contains(lowerCaseWord);

    private static CharArraySet Build()
    {
        var loader = new ClasspathResourceLoader(typeof(SnowballFilter));
        using var stream = loader.OpenResource("english_stop.txt");
        using var reader = new StreamReader(stream);
        var snowball = WordlistLoader.GetSnowballWordSet(reader, LuceneVersion.LUCENE_48);

        var size = snowball.Count + ScientificProse.Length + ScholarlyStopWords.Words.Count;
        var set = new CharArraySet(LuceneVersion.LUCENE_48, size, ignoreCase: true);
        set.UnionWith(snowball);
        set.UnionWith(ScientificProse);
        set.UnionWith(ScholarlyStopWords.Words);
        return set.AsReadOnly();
    }
}
