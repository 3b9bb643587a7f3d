using Protocol.PocketOption.Account;
using Protocol.PocketOption.Tests.Support;
using Protocol.Testing;
using Protocol.Trading.Clients;

namespace Protocol.PocketOption.Tests.Account;

// WatchBalanceAsync on the facade: subscribed when called, and disposable while a read is pending.
public sealed class BalanceWatchTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_balance_pushed_between_the_call_and_the_first_read_is_the_first_one_read(bool throughTheNeutralInterface)
    {
        await using var h = new FacadeHarness();
        var connection = await h.ConnectAsync();
        var balances = throughTheNeutralInterface ? ((ITradingClient)h.Client).WatchBalanceAsync() : h.Client.WatchBalanceAsync();

        // The balance is fully handled by the client before anything reads the watch.
        using (var handled = h.Client.Client.GetApi<AccountApi>().WaitBalanceArrived(true))
        {
            connection.PushText("""42["successupdateBalance",{"uid":87654321,"isDemo":1,"balance":120.5}]""");
            await handled.WaitAsync(TimeSpan.FromSeconds(10)).WithSafetyNet();
        }

        await using var reader = balances.GetAsyncEnumerator();
        connection.PushText("""42["successupdateBalance",{"balance":99}]""");
        (await reader.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();
        reader.Current.ShouldBe(120.5m, "the balance that arrived before the first read is not lost");
        (await reader.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();
        reader.Current.ShouldBe(99m);
    }

    [Fact]
    public async Task Disposing_while_a_read_is_pending_ends_that_read_with_false_and_does_not_throw()
    {
        await using var h = new FacadeHarness();
        await h.ConnectAsync();
        var reader = h.Client.WatchBalanceAsync().GetAsyncEnumerator();
        var pending = reader.MoveNextAsync().AsTask();
        pending.IsCompleted.ShouldBeFalse();

        await reader.DisposeAsync().AsTask().WithSafetyNet();

        (await pending.WithSafetyNet()).ShouldBeFalse();
        (await reader.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeFalse("a disposed watch stays ended");
    }

    [Fact]
    public async Task A_watch_disposed_before_its_first_read_gets_nothing_more()
    {
        await using var h = new FacadeHarness();
        var connection = await h.ConnectAsync();
        var reader = h.Client.WatchBalanceAsync().GetAsyncEnumerator();
        await reader.DisposeAsync();

        using (var handled = h.Client.Client.GetApi<AccountApi>().WaitBalanceArrived(true))
        {
            connection.PushText("""42["successupdateBalance",{"balance":7}]""");
            await handled.WaitAsync(TimeSpan.FromSeconds(10)).WithSafetyNet();
        }

        (await reader.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeFalse();
    }

    [Fact]
    public async Task Cancelling_the_token_given_to_the_call_ends_a_pending_read_with_OperationCanceledException()
    {
        await using var h = new FacadeHarness();
        await h.ConnectAsync();
        using var cancel = new CancellationTokenSource();
        await using var reader = h.Client.WatchBalanceAsync(cancel.Token).GetAsyncEnumerator();
        var pending = reader.MoveNextAsync().AsTask();

        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(pending.WithSafetyNet());
    }
}
