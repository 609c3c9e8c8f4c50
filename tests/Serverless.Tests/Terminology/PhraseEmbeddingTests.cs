using Serverless.Core.Terminology;
using Xunit;

namespace Serverless.Tests.Terminology;

public class PhraseEmbeddingTests
{
    [Fact]
    public void A_phrase_gets_the_same_vector_whatever_it_is_batched_with()
    {
        var model = MiniLmModel.Shared;
        string[] phrases = ["wireless sensor networks", "packet loss", "multi-hop routing protocol", "duty cycles", "gateway"];

        var together = model.EmbedPhrases(phrases);

        for (var i = 0; i < phrases.Length; i++)
        {
            var alone = model.EmbedPhrases([phrases[i]])[0];
            Assert.InRange(VectorMath.Dot(alone, together[i]), 0.99999f, 1.00001f);
        }
    }

    [Fact]
    public void Phrases_are_read_without_the_closing_marker_and_stay_close_to_the_full_reading()
    {
        var model = MiniLmModel.Shared;

        var phrase = model.EmbedPhrases(["wireless sensor networks"])[0];
        var text = model.Embed(["wireless sensor networks"])[0];

        Assert.InRange(VectorMath.Dot(phrase, phrase), 0.99999f, 1.00001f);
        Assert.InRange(VectorMath.Dot(phrase, text), 0.8f, 0.99999f);
    }
}
