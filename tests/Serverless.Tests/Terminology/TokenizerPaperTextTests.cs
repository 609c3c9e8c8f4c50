using Serverless.Core.Terminology;
using Xunit;

namespace Serverless.Tests.Terminology;

/// <summary>Tokenisation of text as it comes out of typeset papers. Every sentence here is written for the test.</summary>
public class TokenizerPaperTextTests
{
    private static IReadOnlyList<PhraseCandidate> Candidates(string text) =>
        CandidateExtractor.Extract(DocumentTokenizer.Tokenize(text), new CandidateOptions());

    private static List<string> Words(string text) => [.. DocumentTokenizer.Tokenize(text).Words.Select(w => w.Surface)];

    [Fact]
    public void Unicode_dashes_in_names_join_compounds_like_the_ascii_hyphen()
    {
        const string text = "We couple the Cahn\u2013Hilliard equation with explicit Runge\u2013Kutta schemes, a non\u2010linear "
            + "Dirac\u2012Fock solver, a well\u2011known trick and a \u2212log\u2212likelihood term.";

        var words = Words(text);
        Assert.Contains("Cahn-Hilliard", words);
        Assert.Contains("Runge-Kutta", words);
        Assert.Contains("non-linear", words);
        Assert.Contains("Dirac-Fock", words);
        Assert.Contains("well-known", words);
        Assert.Contains("log-likelihood", words);

        var candidates = Candidates(text);
        Assert.Contains(candidates, c => c.Canonical == "cahn-hilliard equation");
        Assert.Contains(candidates, c => c.Canonical == "explicit runge-kutta schemes");
        Assert.DoesNotContain(candidates, c => c.Canonical.StartsWith("kutta", StringComparison.Ordinal));

        // The en dash and the hyphen spell one term.
        var hyphen = Candidates("We use explicit Runge-Kutta schemes.").Single(c => c.Canonical == "explicit runge-kutta schemes");
        Assert.Equal(hyphen.Key, candidates.Single(c => c.Canonical == "explicit runge-kutta schemes").Key);
    }

    [Fact]
    public void Em_dashes_set_off_clauses_and_join_no_words()
    {
        var document = DocumentTokenizer.Tokenize("The multigrid solver\u2014unlike earlier smoothers\u2014converges in few sweeps.");

        Assert.DoesNotContain(document.Words, w => w.Surface.Contains('-', StringComparison.Ordinal));
        Assert.True(document.Words.Single(w => w.Surface == "unlike").BreaksBefore);
        Assert.True(document.Words.Single(w => w.Surface == "converges").BreaksBefore);
        Assert.Single(document.Sentences);
    }

    [Fact]
    public void A_period_glued_to_a_capitalised_word_ends_a_sentence()
    {
        var document = DocumentTokenizer.Tokenize("We refine the coarse grid.Each cell stores a flux.The scheme stays stable.");

        Assert.Equal(3, document.Sentences.Count);
        Assert.Equal(["grid", "Each", "flux", "The"], document.Words.Select(w => w.Surface).Where(s => s is "grid" or "Each" or "flux" or "The"));
        Assert.True(document.Words.Single(w => w.Surface == "Each").BreaksBefore);
        Assert.Contains(Candidates(document.Text), c => c.Canonical == "coarse grid");
        Assert.DoesNotContain(Candidates(document.Text), c => c.Canonical.Contains('.', StringComparison.Ordinal));
    }

    [Fact]
    public void Abbreviations_decimals_and_dotted_names_do_not_end_sentences()
    {
        var document = DocumentTokenizer.Tokenize(
            "The error falls by 3.5 percent near the U.S. coast, e.g. at two gauges, as Fig. 2 and Eq. (4) show for the "
            + "script main.py and the class java.util.List compared with Ref. 12 and the estimate of Lee et al. which holds.");

        Assert.Single(document.Sentences);
        Assert.Contains("3.5", document.Words.Select(w => w.Surface));
        Assert.Contains("main.py", document.Words.Select(w => w.Surface));
        Assert.Contains("java.util.List", document.Words.Select(w => w.Surface));

        // "et al." before a capital, like any full stop before a capital, does end the sentence.
        Assert.Equal(2, DocumentTokenizer.Tokenize("This follows Lee et al. The bound is tight.").Sentences.Count);
    }

    [Fact]
    public void Urls_emails_dois_and_arxiv_ids_give_no_words_and_no_sentence_ends()
    {
        const string text = "The solver code is at https://example.org/lab/solver-kit and github.com/lab/mesh-tools (see "
            + "www.example.net/data). Write to jane.roe@example.edu or read doi:10.1234/jcp.2020.5678 and 10.5555/abc-12. "
            + "The proof is in arXiv:2101.01234 today.";

        var document = DocumentTokenizer.Tokenize(text);
        var lower = document.Words.Select(w => w.Lower).ToList();
        foreach (var piece in new[] { "https", "example.org", "lab", "solver-kit", "github.com", "mesh-tools", "www.example.net",
            "data", "jane.roe", "example.edu", "10.1234", "jcp.2020.5678", "10.5555", "abc-12", "arxiv", "2101.01234" })
        {
            Assert.DoesNotContain(piece, lower);
        }

        Assert.Contains("solver", lower);

        // A company's name is no address: a host name needs a path or a sub-domain.
        Assert.Contains("amazon.com", DocumentTokenizer.Tokenize("Retailers such as Amazon.com sell e-books.").Words.Select(w => w.Lower));
        Assert.Contains("proof", lower);
        Assert.Equal(3, document.Sentences.Count);

        // A word after an address does not join the words before it.
        Assert.DoesNotContain(Candidates("The mesh generator www.example.org quad meshes."), c => c.Canonical.Contains("generator quad"));
        Assert.True(DocumentTokenizer.Tokenize("Mesh tools https://example.org/x quad meshes").Words.Single(w => w.Lower == "quad").BreaksBefore);
    }

    [Fact]
    public void Pieces_of_formulas_are_not_words_but_terms_with_digits_are()
    {
        const string text = "The wavenumber k0 sets the phase n\u03C0/2 of the dispersion relation xwhere the ratio n/2 and panel 2a "
            + "hold, the 2nd mode has width 5 \u03BCm or 6 \u00B5m, while Ti6Al4V alloys, 3D meshes, CO2 capture, L1 regularization, "
            + "I/O bandwidth, M/D/1 queues and word2vec embeddings stay.";

        var words = Words(text);
        foreach (var debris in new[] { "k0", "n\u03C0/2", "xwhere", "n/2", "2a", "2nd", "\u03BCm", "\u00B5m" })
        {
            Assert.DoesNotContain(debris, words);
        }

        foreach (var term in new[] { "Ti6Al4V", "3D", "CO2", "L1", "I/O", "M/D/1", "word2vec", "wavenumber", "relation" })
        {
            Assert.Contains(term, words);
        }

        // The formula still breaks the phrase: "grid spacing" and "values" do not fuse across "h0".
        var candidates = Candidates("The grid spacing h0 values shrink.");
        Assert.Contains(candidates, c => c.Canonical == "grid spacing");
        Assert.DoesNotContain(candidates, c => c.Canonical.Contains("spacing values", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("due")]
    [InlineData("et")]
    [InlineData("al")]
    [InlineData("e.g")]
    [InlineData("i.e")]
    [InlineData("etc")]
    [InlineData("fig")]
    [InlineData("figs")]
    [InlineData("eq")]
    [InlineData("eqs")]
    [InlineData("cf")]
    [InlineData("vs")]
    [InlineData("resp")]
    [InlineData("approx")]
    [InlineData("ref")]
    [InlineData("refs")]
    [InlineData("sec")]
    [InlineData("tab")]
    public void Scholarly_abbreviations_and_due_are_stop_words(string word) => Assert.True(StopWords.Contains(word));

    [Fact]
    public void Stop_words_of_scholarly_prose_never_enter_a_candidate()
    {
        var candidates = Candidates(
            "Bearing losses increased due to friction heating, cf. the wear model of Lee et al., i.e. Fig. 3 and Eq. 5, "
            + "approx. twice the creep rate vs. the fatigue limit (resp. the yield stress), see Sec. 4, Tab. 2 and Refs. 7, etc.");

        Assert.Contains(candidates, c => c.Canonical == "bearing losses");
        Assert.Contains(candidates, c => c.Canonical == "friction heating");
        Assert.Contains(candidates, c => c.Canonical == "wear model");
        var banned = new HashSet<string> { "due", "cf", "et", "al", "i.e", "fig", "eq", "approx", "vs", "resp", "sec", "tab", "refs", "etc" };
        Assert.All(candidates, c => Assert.DoesNotContain(c.Canonical.Split(' '), banned.Contains));
    }
}
