using Serverless.Core.Terminology;
using Xunit;

namespace Serverless.Tests.Terminology;

public class NounPhraseCandidateTests
{
    private static IReadOnlyList<PhraseCandidate> Candidates(string text) =>
        CandidateExtractor.Extract(DocumentTokenizer.Tokenize(text), new CandidateOptions());

    private static IEnumerable<string> Phrases(string text) => Candidates(text).Select(c => c.Canonical);

    [Theory]
    [InlineData("The iterative solver converges quickly on coarse meshes.", "iterative solver", "solver converges")]
    [InlineData("Wireless sensors measure temperature in the greenhouse.", "wireless sensors", "sensors measure")]
    [InlineData("Model predictive control computes an optimal input sequence.", "model predictive control", "control computes")]
    [InlineData("Grain boundaries scatter electrons.", "grain boundaries", "boundaries scatter")]
    public void Verbs_are_never_part_of_a_candidate(string sentence, string term, string clause)
    {
        var phrases = Phrases(sentence).ToList();
        Assert.Contains(term, phrases);
        Assert.DoesNotContain(phrases, p => p.Contains(clause, StringComparison.Ordinal));
    }

    [Fact]
    public void Candidates_end_in_a_noun_and_may_start_with_a_participle()
    {
        var phrases = Phrases("We present a distributed file system. The lattice constant was large. A trained model is stable.").ToList();

        Assert.Contains("distributed file system", phrases);
        Assert.Contains("lattice constant", phrases);
        Assert.Contains("trained model", phrases);
        Assert.DoesNotContain(phrases, p => p.EndsWith("stable", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("The conservation of angular momentum holds for isolated systems.", "conservation of angular momentum")]
    [InlineData("We estimate the speed of sound in dense gases.", "speed of sound")]
    public void Noun_phrase_of_noun_phrase_is_a_candidate(string sentence, string term) =>
        Assert.Contains(term, Phrases(sentence));

    [Fact]
    public void Quantities_and_relations_before_of_make_no_of_phrase()
    {
        var phrases = Phrases("A number of nodes failed. The effect of noise is small.").ToList();

        Assert.DoesNotContain(phrases, p => p.Contains(" of ", StringComparison.Ordinal));
        Assert.Contains("nodes", phrases);
    }

    [Fact]
    public void Coordinated_modifiers_each_form_a_term_with_the_shared_head()
    {
        var candidates = Candidates("Linear and nonlinear solvers were compared. Heat and mass transfer dominate near the wall.");
        var phrases = candidates.Select(c => c.Canonical).ToList();

        Assert.Contains("linear solvers", phrases);
        Assert.Contains("nonlinear solvers", phrases);
        Assert.Contains("heat transfer", phrases);
        Assert.Contains("mass transfer", phrases);
        Assert.Equal(0, Assert.Single(candidates, c => c.Canonical == "linear solvers").FirstPosition);
    }

    [Fact]
    public void Single_words_of_everyday_english_are_marked_but_acronyms_and_rare_words_are_not()
    {
        var candidates = Candidates("The point of DFT is the entropy of methods. Semiconductors and GPUs matter.");

        Assert.True(Assert.Single(candidates, c => c.Canonical == "point").GeneralWord);
        Assert.True(Assert.Single(candidates, c => c.Canonical == "methods").GeneralWord);
        Assert.False(Assert.Single(candidates, c => c.Canonical == "dft").GeneralWord);
        Assert.False(Assert.Single(candidates, c => c.Canonical == "entropy").GeneralWord);
        Assert.False(Assert.Single(candidates, c => c.Canonical == "semiconductors").GeneralWord);
        Assert.False(Assert.Single(candidates, c => c.Canonical == "gpus").GeneralWord);
    }

    [Fact]
    public void A_general_single_word_is_ranked_only_far_above_its_neighbours()
    {
        var general = new PhraseCandidate("point", "point", ["point"], 1, [0], false, 1) { GeneralWord = true };
        var term = new PhraseCandidate("phase transit", "phase transition", ["phase transition"], 2, [3], false, 1);
        var options = new RankingOptions();

        Assert.Equal([1], CandidateRanker.Admitted([general, term], [0.80, 0.78], options));
        Assert.Equal([0, 1], CandidateRanker.Admitted([general, term], [0.90, 0.78], options));
        Assert.Equal([1], CandidateRanker.Admitted([general, term], [0.70, 0.78], options));
    }
}
