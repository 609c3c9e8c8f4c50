using Serverless.Core.Runs.FanOut;
using Xunit;

namespace Serverless.Tests.FanOut;

public sealed class BatchSizingTests
{
    [Theory]
    [InlineData(50, 20, 50)]      // three waves: one batch, no round trip between batches
    [InlineData(400, 20, 400)]    // twenty waves still fit one batch
    [InlineData(401, 20, 201)]    // twenty-one waves: two even batches, not 400 + 1
    [InlineData(2_000, 20, 400)]  // a hundred waves: five batches of twenty waves
    [InlineData(1, 50, 1)]
    public void A_window_gets_even_batches_of_at_most_twenty_waves(int items, int window, int expected) =>
        Assert.Equal(expected, BatchSizing.ForCalls(items, window));

    [Fact]
    public void A_chunked_run_sizes_batches_by_the_chunk_and_its_lane_share_of_the_cap()
    {
        // 1,000 users in chunks of 500 run in two lanes of 25 permits: twenty waves per chunk, one batch each.
        Assert.Equal(500, BatchSizing.ForUserRun(1_000, 500, 50));
        // 10,000 users in chunks of 2,500: two lanes of 25 permits (50 does not split evenly in four); 2,500 users are 100 waves,
        // five batches.
        Assert.Equal(500, BatchSizing.ForUserRun(10_000, 2_500, 50));
        // At cap 20 four lanes of 5: 2,500 users are 500 waves, twenty-five batches.
        Assert.Equal(100, BatchSizing.ForUserRun(10_000, 2_500, 20));
        // One chunk: the run's whole cap is its window; 1,000 users at cap 50 are twenty waves, one batch.
        Assert.Equal(1_000, BatchSizing.ForUserRun(1_000, 2_500, 50));
        Assert.Equal(50, BatchSizing.ForUserRun(50, 500, 20));
    }

    [Fact]
    public void Batches_never_exceed_the_maximum_a_request_may_ask_for()
    {
        Assert.Equal(BatchSizing.Max, BatchSizing.ForCalls(100_000, 1_000));
        Assert.Equal(BatchSizing.MaxArticlesPerBatch, BatchSizing.ForArticles(100_000, 8));
        Assert.Equal(BatchSizing.MaxArticlesPerBatch, BatchSizing.ForArticles(10_000, 1));
    }

    [Theory]
    [InlineData(500, 8, 63)]  // one round: a batch for each of the eight activity slots
    [InlineData(12, 8, 2)]
    [InlineData(1, 8, 1)]
    [InlineData(800, 8, 100)]
    [InlineData(801, 8, 51)]  // past 100 a batch: two even rounds of 8, not 8 full batches and a ninth of one article
    [InlineData(10_000, 8, 97)]  // thirteen rounds: 104 batches, none over 100
    public void An_article_run_gives_every_activity_slot_one_batch_a_round(int items, int slots, int expected) =>
        Assert.Equal(expected, BatchSizing.ForArticles(items, slots));
}
