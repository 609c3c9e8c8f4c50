using Serverless.Core.Terminology;
using Xunit;

namespace Serverless.Tests.Terminology;

/// <summary>Acronym definitions and their uses. Every sentence here is written for the test.</summary>
public class AcronymTests
{
    private static (TokenizedDocument Document, IReadOnlyList<AcronymDefinition> Definitions) Find(string text)
    {
        var document = DocumentTokenizer.Tokenize(text);
        return (document, AcronymFinder.Find(document));
    }

    private static string LongForm(TokenizedDocument document, AcronymDefinition definition) =>
        string.Join(' ', document.Words.Skip(definition.LongFormStart).Take(definition.LongFormWords).Select(w => w.Surface));

    private static IReadOnlyList<PhraseCandidate> Linked(string text)
    {
        var document = DocumentTokenizer.Tokenize(text);
        return AcronymLinker.Link(document, CandidateExtractor.Extract(document, new CandidateOptions()));
    }

    [Theory]
    [InlineData("We train a linear support vector machine (SVM) on the features.", "SVM", "support vector machine")]
    [InlineData("Band gaps follow from density functional theory (DFT) with hybrid functionals.", "DFT", "density functional theory")]
    [InlineData("Labels come from a k-nearest neighbour (k-NN) vote.", "k-NN", "k-nearest neighbour")]
    [InlineData("Spectra are split by non-negative matrix factorization (NMF) first.", "NMF", "non-negative matrix factorization")]
    [InlineData("Deep convolutional neural networks (CNNs) label the images.", "CNN", "convolutional neural networks")]
    [InlineData("Sleep stages are scored from the electroencephalography (EEG) traces.", "EEG", "electroencephalography")]
    [InlineData("Flaws are found with a probability of detection (POD) above one half.", "POD", "probability of detection")]
    public void A_parenthesised_acronym_is_defined_by_the_words_before_it(string text, string acronym, string longForm)
    {
        var (document, definitions) = Find(text);

        var definition = Assert.Single(definitions);
        Assert.Equal(acronym, definition.Acronym);
        Assert.Equal(longForm, LongForm(document, definition));
    }

    [Fact]
    public void An_acronym_followed_by_its_long_form_in_parentheses_is_defined_too()
    {
        var (document, definitions) = Find("The HPC (high performance computing) cluster runs the model.");

        var definition = Assert.Single(definitions);
        Assert.Equal("HPC", definition.Acronym);
        Assert.Equal("high performance computing", LongForm(document, definition));
    }

    [Theory]
    [InlineData("The samples were annealed in air (XRD).")]  // no word before it starts with X
    [InlineData("The solver was tested on new data (DFT).")] // no F before it
    [InlineData("We adopt a new method (ME) here.")]        // one word for two letters is chance
    [InlineData("Results for the (SVM) are shown.")]        // no long form before it
    [InlineData("The error (see Table 2) is small.")]       // not an acronym
    public void Chance_parentheses_define_nothing(string text) => Assert.Empty(Find(text).Definitions);

    [Fact]
    public void A_defined_acronym_and_its_long_form_become_one_candidate_counting_every_use()
    {
        var candidates = Linked(
            "Density functional theory (DFT) predicts the band gap of the oxide. DFT calculations agree with the experiment, "
            + "and DFT is cheap. Hybrid DFT costs more.");

        var term = Assert.Single(candidates, c => c.Canonical == "density functional theory");
        Assert.Contains("DFT", term.SurfaceForms);
        Assert.Single(term.Positions);
        Assert.Equal(3, term.AliasPositions.Count); // the definition's own "(DFT)" is not a second use
        Assert.Equal(4, term.Frequency);
        Assert.DoesNotContain(candidates, c => c.Key == "dft");
    }

    [Fact]
    public void An_acronym_used_before_its_definition_moves_the_term_to_its_first_use()
    {
        var candidates = Linked("SVM kernels for spam filtering\nA support vector machine (SVM) separates the two classes.");

        var term = Assert.Single(candidates, c => c.Canonical == "support vector machine");
        Assert.True(term.InTitle);
        Assert.Equal(0, term.FirstPosition);
        Assert.Equal(candidates.OrderBy(c => c.FirstPosition).Select(c => c.Key), candidates.Select(c => c.Key));
    }

    [Fact]
    public void A_long_form_with_a_function_word_is_added_as_a_candidate()
    {
        var candidates = Linked("The probability of detection (POD) rises with flaw size, and the POD curve flattens.");

        var term = Assert.Single(candidates, c => c.Canonical == "probability of detection");
        Assert.Equal(3, term.WordCount);
        Assert.Equal(["probability of detection", "POD"], term.SurfaceForms);
        Assert.Single(term.AliasPositions);
    }

    [Fact]
    public void An_acronym_that_is_never_defined_stays_its_own_candidate()
    {
        var candidates = Linked("The GPU kernels run the lattice model. GPU memory limits the lattice size.");

        Assert.Contains(candidates, c => c.Canonical == "gpu");
    }

    [Fact]
    public void The_extractor_names_the_linked_term_by_its_long_form()
    {
        var extractor = new KeyphraseExtractor(new FakeEmbedder(64));

        var terms = extractor.Extract(
            "Molecular dynamics (MD) simulates the melt. MD trajectories give the diffusion coefficient, and MD runs are long.", 50).Terms;

        var term = Assert.Single(terms, t => t.Term == "molecular dynamics");
        Assert.Equal(["Molecular dynamics", "MD"], term.SurfaceForms);
        Assert.DoesNotContain(terms, t => t.Term == "md");
    }
}
