using Serverless.Core.Runs.Limits;
using Xunit;

namespace Serverless.Tests.FanOut;

public sealed class PermitPoolTests
{
    static PermitRequest Acquire(string holder, int want, int limit = 20) => new(PermitRequest.Acquire, holder, want, limit);

    static PermitRequest Release(string holder) => new(PermitRequest.Release, holder, 0, 0);

    static PermitRequest Withdraw(string holder) => new(PermitRequest.Withdraw, holder, 0, 0);

    [Fact]
    public void Grants_up_to_the_limit_and_queues_the_rest_first_come_first_served()
    {
        var pool = new PermitPool();
        Assert.Equal([new PermitGrant("a", 15)], pool.Apply(Acquire("a", 15)));
        Assert.Equal([new PermitGrant("b", 5)], pool.Apply(Acquire("b", 10)));
        Assert.Empty(pool.Apply(Acquire("c", 10)));
        Assert.Equal(20, pool.InUse);

        Assert.Equal([new PermitGrant("c", 10)], pool.Apply(Release("a")));
        Assert.Equal(15, pool.InUse);
    }

    [Fact]
    public void A_release_withdraws_a_waiting_request_so_nothing_leaks()
    {
        var pool = new PermitPool();
        pool.Apply(Acquire("a", 20));
        pool.Apply(Acquire("b", 5));
        pool.Apply(Release("b"));
        Assert.Empty(pool.Waiting);

        Assert.Empty(pool.Apply(Release("a")));
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void A_repeated_acquire_from_a_holder_is_not_answered_again()
    {
        var pool = new PermitPool();
        pool.Apply(Acquire("a", 5));
        Assert.Empty(pool.Apply(Acquire("a", 8)));
        Assert.Equal(5, pool.InUse);
    }

    [Fact]
    public void A_repeated_acquire_while_waiting_keeps_one_place_in_the_queue()
    {
        var pool = new PermitPool();
        pool.Apply(Acquire("a", 20));
        pool.Apply(Acquire("b", 5));
        Assert.Empty(pool.Apply(Acquire("b", 5)));
        Assert.Single(pool.Waiting);
    }

    [Fact]
    public void A_withdrawal_while_waiting_is_answered_with_zero_and_the_place_goes_to_the_next()
    {
        var pool = new PermitPool();
        pool.Apply(Acquire("a", 20));
        pool.Apply(Acquire("b", 5));
        pool.Apply(Acquire("c", 5));
        Assert.Equal([new PermitGrant("b", 0)], pool.Apply(Withdraw("b")));
        Assert.Equal([new PermitGrant("c", 5)], pool.Apply(Release("a")));
        Assert.Equal(5, pool.InUse);
    }

    [Fact]
    public void A_withdrawal_that_crosses_its_grant_frees_the_permits_without_a_second_answer()
    {
        var pool = new PermitPool();
        Assert.Equal([new PermitGrant("a", 5)], pool.Apply(Acquire("a", 5)));
        Assert.Empty(pool.Apply(Withdraw("a")));
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void A_late_acquire_from_a_finished_holder_is_never_granted_or_counted()
    {
        var pool = new PermitPool();
        Assert.Equal([new PermitGrant("a", 0)], pool.Apply(Withdraw("a")));
        Assert.Empty(pool.Apply(Acquire("a", 5)));
        pool.Apply(Acquire("b", 5));
        pool.Apply(Release("b"));
        Assert.Empty(pool.Apply(Acquire("b", 5)));
        Assert.Equal((0, 0), (pool.InUse, pool.Waiting.Count));
    }

    [Fact]
    public void A_lower_limit_holds_back_new_grants_until_holders_drop_below_it()
    {
        var pool = new PermitPool();
        pool.Apply(Acquire("a", 10));
        pool.Apply(Acquire("b", 10));
        Assert.Empty(pool.Apply(Acquire("c", 5, limit: 12)));
        Assert.Equal([new PermitGrant("c", 2)], pool.Apply(Release("a")));
    }
    [Fact]
    public void A_paused_pool_grants_nothing_and_names_every_holder_and_waiter_to_pause_until_it_resumes()
    {
        var pool = new PermitPool();
        pool.Apply(Acquire("a", 20));
        pool.Apply(Acquire("b", 10));
        var until = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        Assert.Equal(["a", "b"], pool.Pause(until));
        pool.Pause(until.AddSeconds(-5));
        Assert.Equal(until, pool.PausedUntil);
        Assert.Empty(pool.Apply(Release("a")));
        Assert.Empty(pool.Apply(Acquire("c", 5)));

        Assert.Equal([new PermitGrant("b", 10), new PermitGrant("c", 5)], pool.Resume());
        Assert.Null(pool.PausedUntil);
    }

    [Fact]
    public void Decided_grants_go_out_once_for_their_own_note_and_never_for_a_note_no_decision_made()
    {
        var pool = new PermitPool();
        pool.Decide("n1", pool.Apply(Acquire("a", 5)));

        Assert.Empty(pool.TakeUndelivered("from-a-discarded-episode"));
        Assert.Equal([new PermitGrant("a", 5)], pool.TakeUndelivered("n1"));
        Assert.Empty(pool.TakeUndelivered("n1"));
        Assert.Empty(pool.Undelivered);
    }
}
