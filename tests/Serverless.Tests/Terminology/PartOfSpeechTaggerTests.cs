using Serverless.Core.Terminology;
using Xunit;
using Xunit.Abstractions;

namespace Serverless.Tests.Terminology;

public class PartOfSpeechTaggerTests(ITestOutputHelper output)
{
    private static PosTag[] Tags(string sentence) => PartOfSpeechTagger.TagSentence(sentence.Split(' '));

    [Theory]
    [InlineData("the solver converges quickly", 2, PosTag.VBZ)]
    [InlineData("sensors measure temperature", 1, PosTag.VBP)]
    [InlineData("the simulation results agree with experiments", 2, PosTag.NNS)]
    [InlineData("the simulation results agree with experiments", 3, PosTag.VBP)]
    [InlineData("the method reduces the error", 2, PosTag.VBZ)]
    [InlineData("users can query the database", 2, PosTag.VB)]
    [InlineData("a thin film was deposited on glass", 4, PosTag.VBN)]
    [InlineData("model predictive control computes an input", 2, PosTag.NN)]
    [InlineData("model predictive control computes an input", 3, PosTag.VBZ)]
    [InlineData("the lattice constant was measured", 2, PosTag.NN)]
    [InlineData("a trained model", 1, PosTag.VBN)]
    [InlineData("on coarse meshes", 2, PosTag.NNS)]
    public void Context_chooses_between_the_readings_of_an_ambiguous_word(string sentence, int index, PosTag expected) =>
        Assert.Equal(expected, Tags(sentence)[index]);

    [Theory]
    [InlineData("photonic", PosTag.JJ)]
    [InlineData("discretization", PosTag.NN)]
    [InlineData("metasurfaces", PosTag.NNS)]
    [InlineData("DFT", PosTag.NNP)]
    [InlineData("data-driven", PosTag.JJ)]
    [InlineData("x2y", PosTag.NN)]
    public void Words_missing_from_the_lexicon_are_tagged_by_their_shape(string word, PosTag expected) =>
        Assert.Equal(expected, PartOfSpeechTagger.TagSentence(["the", word])[1]);

    [Fact]
    public void Tags_the_hand_tagged_sentences_with_at_least_93_percent_accuracy()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Terminology", "PartOfSpeechGold.txt");
        var (right, total) = (0, 0);
        var errors = new List<string>();
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            var tokens = line.Split(' ').Select(t => t.Split('/')).Where(t => t[^1] != ".").ToArray();
            var words = tokens.Select(t => string.Join('/', t[..^1])).ToArray();
            var tags = PartOfSpeechTagger.TagSentence(words);
            for (var i = 0; i < words.Length; i++)
            {
                total++;
                if (tags[i].ToString() == tokens[i][^1].Replace('$', 'S'))
                {
                    right++;
                }
                else
                {
                    errors.Add($"{words[i]}:{tokens[i][^1]}->{tags[i]}");
                }
            }
        }

        var accuracy = (double)right / total;
        output.WriteLine($"{right}/{total} = {accuracy:P1}; errors: {string.Join(' ', errors)}");
        Assert.True(accuracy >= 0.93, $"accuracy {accuracy:P1}: {string.Join(' ', errors)}");
    }

    [Fact]
    public void A_word_before_a_comma_does_not_take_what_follows_the_comma_as_its_object()
    {
        var document = DocumentTokenizer.Tokenize("We chose explicit Runge-Kutta schemes, a classic family, for the time steps.");
        var tags = PartOfSpeechTagger.Tag(document);
        var schemes = document.Words.ToList().FindIndex(w => w.Surface == "schemes");

        Assert.Equal(PosTag.NNS, tags[schemes]);
    }

    [Fact]
    public void The_shipped_lexicon_loads_with_its_common_word_list()
    {
        var lexicon = TaggerLexicon.Default;
        Assert.True(lexicon.Count > 100_000);
        Assert.True(lexicon.IsCommon("point"));
        Assert.False(lexicon.IsCommon("semiconductor"));
    }
}
