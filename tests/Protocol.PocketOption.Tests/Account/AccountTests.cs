using Protocol.PocketOption.Account;
using Protocol.PocketOption.Tests.Support;
using Protocol.Testing;
using Protocol.Trading.Market;

namespace Protocol.PocketOption.Tests.Account;

// Balance and assets on the test kit, with the frames of pocketoption.md §3.2 in both forms.
public sealed class AccountTests
{
    [Fact]
    public async Task Balance_updates_one_step_and_two_step_set_the_state_and_reach_the_stream()
    {
        await using var h = new PocketHarness();
        var connection = await h.LoginAsync();
        var account = h.Client.GetApi<AccountApi>();
        await using var balances = account.SubscribeBalance();
        await using var updates = balances.GetAsyncEnumerator();

        connection.PushText("""42["successupdateBalance",{"uid":87654321,"isDemo":1,"balance":50000}]""");
        (await updates.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();
        updates.Current.Balance.ShouldBe(50000m);
        h.State.Balance.ShouldBe(50000m);
        h.State.IsDemo.ShouldBe(true);

        connection.PushText("""451-["successupdateBalance",{"_placeholder":true,"num":0}]""");
        connection.PushBinary("""{"balance":49990.5}"""u8);
        (await updates.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();
        updates.Current.Balance.ShouldBe(49990.5m);
        h.State.Balance.ShouldBe(49990.5m);
        h.State.IsDemo.ShouldBe(true, "a balance without isDemo keeps what the server said before");
    }

    [Fact]
    public async Task A_wait_registered_before_the_balance_arrives_completes_with_it()
    {
        await using var h = new PocketHarness();
        var connection = await h.LoginAsync();
        using var wait = h.Client.GetApi<AccountApi>().WaitBalanceArrived(true);
        h.State.Balance.ShouldBeNull();
        connection.PushText("""42["successupdateBalance",{"balance":12.5}]""");
        (await wait.WaitAsync(TimeSpan.FromSeconds(10)).WithSafetyNet()).Balance.ShouldBe(12.5m);
    }

    [Fact]
    public async Task Two_step_asset_rows_become_asset_infos_and_a_bad_row_costs_only_itself()
    {
        await using var h = new PocketHarness();
        var connection = await h.LoginAsync();
        using var wait = h.Client.GetApi<AccountApi>().WaitAssetsArrived(true);

        connection.PushText("""451-["updateAssets",{"_placeholder":true,"num":0}]""");
        connection.PushBinary("""
            [[5,"AAPL","Apple","stock",2,50,60,30,3,0,170,0,[],1751906100,false,[{"time":60},{"time":120}],-1,60,1751906100],
             [9,"BROKEN","row","stock",2,"fifty"],
             [1,"EURUSD_otc","EUR/USD OTC","currency",1,92,60,30,3,1,170,0,[],1751906100,true,[{"time":5},{"time":60}],-1,60,1751906100],
             [77,"NEWTHING","New","etf",1,80,60,30,3,0,170,0,[],1751906100,true,[],-1,60,1751906100]]
            """u8);
        await wait.WaitAsync(TimeSpan.FromSeconds(10)).WithSafetyNet();

        h.State.Assets.Keys.Order(StringComparer.Ordinal).ShouldBe(["AAPL", "EURUSD_otc", "NEWTHING"]);
        var eur = h.State.Assets["EURUSD_otc"];
        (eur.Name, eur.Kind, eur.Payout, eur.IsOtc, eur.IsActive).ShouldBe(("EUR/USD OTC", AssetKind.Currency, 92, true, true));
        eur.AllowedExpiries.ShouldBe([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60)]);
        h.State.Assets["AAPL"].IsActive.ShouldBeFalse();
        h.State.Assets["NEWTHING"].Kind.ShouldBe(AssetKind.Unknown);
    }

    [Fact]
    public void Asset_types_map_to_the_shared_kinds()
    {
        AssetRows.Kind("cryptocurrency").ShouldBe(AssetKind.Cryptocurrency);
        AssetRows.Kind("commodity").ShouldBe(AssetKind.Commodity);
        AssetRows.Kind("index").ShouldBe(AssetKind.Index);
        AssetRows.Kind("Currency").ShouldBe(AssetKind.Unknown);
    }

    [Fact]
    public async Task An_undeclared_event_is_logged_on_first_sight_then_on_a_doubling_schedule()
    {
        await using var h = new PocketHarness();
        var connection = await h.LoginAsync();
        for (var i = 0; i < 5; i++)
        {
            connection.PushText("""42["brandNewEvent",{"x":1}]""");
        }

        connection.PushText("""42["successupdateBalance",{"balance":1}]""");
        var logged = h.Logs.All.Where(e => e.EventId.Id == 22).Select(e => e.Message).ToList();
        logged.Count.ShouldBe(3, string.Join(Environment.NewLine, logged));
        logged.ShouldAllBe(m => m.Contains("'brandNewEvent'"));
        logged[0].ShouldContain("(1 so far)");
        logged[1].ShouldContain("(2 so far)");
        logged[2].ShouldContain("(4 so far)");
    }
}
