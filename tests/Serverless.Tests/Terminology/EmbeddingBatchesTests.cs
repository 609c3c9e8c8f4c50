using Serverless.Core.Terminology;
using Xunit;

namespace Serverless.Tests.Terminology;

public class EmbeddingBatchesTests
{
    [Fact]
    public void Phrases_of_one_length_share_one_call()
    {
        Assert.Equal([20], EmbeddingBatches.Plan(Enumerable.Repeat(4, 20).ToArray(), maxBatch: 32));
    }

    [Fact]
    public void A_little_padding_is_cheaper_than_another_call()
    {
        // Padding the five 3-piece phrases to 4 costs 5 pieces, less than a call.
        Assert.Equal([10], EmbeddingBatches.Plan([3, 3, 3, 3, 3, 4, 4, 4, 4, 4], maxBatch: 32));
    }

    [Fact]
    public void A_long_outlier_gets_its_own_call_when_padding_to_it_costs_more()
    {
        // Padding nine 3-piece phrases to 12 would cost 81 pieces; a second call costs 14.
        Assert.Equal([9, 10], EmbeddingBatches.Plan([3, 3, 3, 3, 3, 3, 3, 3, 3, 12], maxBatch: 32));
    }

    [Fact]
    public void No_call_holds_more_than_the_maximum_batch()
    {
        var ends = EmbeddingBatches.Plan(Enumerable.Repeat(5, 70).ToArray(), maxBatch: 32);

        Assert.Equal(70, ends[^1]);
        Assert.All(ends.Zip(ends.Prepend(0)), pair => Assert.InRange(pair.First - pair.Second, 1, 32));
    }

    [Fact]
    public void Nothing_to_embed_means_no_call()
    {
        Assert.Empty(EmbeddingBatches.Plan([], maxBatch: 32));
    }
}
