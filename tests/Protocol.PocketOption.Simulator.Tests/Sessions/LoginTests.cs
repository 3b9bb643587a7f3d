using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Protocol.PocketOption.Simulator.Market;
using Protocol.PocketOption.Simulator.Tests.Wire;
using Protocol.Testing;

namespace Protocol.PocketOption.Simulator.Tests.Sessions;

public sealed class LoginTests
{
    private static PocketOptionSimulatorOptions Options(FakeTimeProvider clock) => new() { TimeProvider = clock };

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task It_listens_on_a_free_loopback_port_and_gives_the_platform_style_endpoint()
    {
        await using var sim = await PocketOptionSimulator.StartAsync(Options(Clock())).WithSafetyNet(TimeSpan.FromSeconds(20));

        sim.Endpoint.Scheme.ShouldBe("ws");
        sim.Endpoint.Host.ShouldBe("127.0.0.1");
        sim.Endpoint.Port.ShouldBeGreaterThan(0);
        sim.Endpoint.AbsolutePath.ShouldBe("/socket.io/");
        sim.Endpoint.Query.ShouldBe("?EIO=4&transport=websocket");

        await using var client = await SimulatorClient.ConnectAsync(sim);
        client.SocketId.ShouldNotBeNullOrEmpty();
        client.Open.GetProperty("pingInterval").GetInt32().ShouldBe(25_000);
        client.Open.GetProperty("pingTimeout").GetInt32().ShouldBe(20_000);
    }

    [Fact]
    public async Task Options_that_make_no_sense_are_refused_with_the_option_named()
    {
        (await Should.ThrowAsync<ArgumentOutOfRangeException>(() => PocketOptionSimulator.StartAsync(new() { Port = 70000 }))).ParamName.ShouldBe("Port");
        (await Should.ThrowAsync<ArgumentException>(() => PocketOptionSimulator.StartAsync(new() { Assets = [] }))).Message.ShouldContain("at least one asset");
        (await Should.ThrowAsync<ArgumentOutOfRangeException>(() => PocketOptionSimulator.StartAsync(new() { DemoBalance = -1 }))).Message.ShouldContain("DemoBalance");
    }

    [Fact]
    public async Task A_demo_login_gets_successauth_two_step_then_the_balance_the_assets_and_the_deal_lists()
    {
        var clock = Clock();
        await using var sim = await PocketOptionSimulator.StartAsync(Options(clock)).WithSafetyNet(TimeSpan.FromSeconds(20));
        await using var client = await SimulatorClient.ConnectAsync(sim);

        await client.EmitAsync("auth", SimulatorClient.DemoAuth);

        var auth = await client.NextAsync();
        auth.Name.ShouldBe("successauth");
        auth.IsTwoStep.ShouldBeTrue();
        auth.Frame.ShouldBe("""451-["successauth",{"_placeholder":true,"num":0}]""");
        auth.Body.GetProperty("serverName").GetString().ShouldBe("simulator");
        auth.Body.GetProperty("id").GetString().ShouldBe(client.SocketId);

        var balance = await client.NextAsync();
        balance.Name.ShouldBe("successupdateBalance");
        balance.Body.GetProperty("balance").GetDecimal().ShouldBe(50_000m);
        balance.Body.GetProperty("isDemo").GetInt32().ShouldBe(1);
        balance.Body.GetProperty("uid").GetInt64().ShouldBe(4242);

        var assets = await client.NextAsync();
        assets.Name.ShouldBe("updateAssets");
        var rows = assets.Body.EnumerateArray().ToList();
        rows.Count.ShouldBe(DefaultAssets.All.Count);
        rows.ShouldAllBe(r => r.GetArrayLength() == 19);
        var eurusd = rows.Single(r => r[1].GetString() == "EURUSD_otc");
        eurusd[0].GetInt32().ShouldBe(66);
        eurusd[2].GetString().ShouldBe("EUR/USD OTC");
        eurusd[3].GetString().ShouldBe("currency");
        eurusd[5].GetInt32().ShouldBe(92);
        eurusd[9].GetInt32().ShouldBe(1);
        eurusd[13].GetInt64().ShouldBe(clock.GetUtcNow().ToUnixTimeSeconds());
        eurusd[14].GetBoolean().ShouldBeTrue();
        eurusd[15].EnumerateArray().Select(e => e.GetProperty("time").GetInt32()).ShouldBe(DefaultAssets.All.Single(a => a.Symbol == "EURUSD_otc").ExpirySeconds);
        rows.Single(r => r[1].GetString() == "NZDJPY_otc")[14].GetBoolean().ShouldBeFalse();
        rows.Single(r => r[1].GetString() == "AAPL")[3].GetString().ShouldBe("stock");

        var opened = await client.NextAsync();
        opened.Name.ShouldBe("updateOpenedDeals");
        opened.Body.GetRawText().ShouldBe("[]");
        var closed = await client.NextAsync();
        closed.Name.ShouldBe("updateClosedDeals");
        closed.Body.GetRawText().ShouldBe("[]");
    }

    [Fact]
    public async Task An_unknown_real_session_gets_NotAuthorized_then_a_namespace_disconnect()
    {
        await using var sim = await PocketOptionSimulator.StartAsync(Options(Clock())).WithSafetyNet(TimeSpan.FromSeconds(20));
        await using var client = await SimulatorClient.ConnectAsync(sim);

        await client.EmitAsync("auth", """{"session":"a:4:{s:10:\"session_id\";}0123","isDemo":0,"uid":7,"platform":2}""");

        var refused = await client.NextAsync();
        refused.Name.ShouldBe("NotAuthorized");
        refused.Frame.ShouldBe("""42["NotAuthorized"]""");
        await client.NamespaceLeft.WithSafetyNet(SafetyNet.NetworkLimit);
    }

    [Fact]
    public async Task An_auth_frame_without_a_session_is_refused_too()
    {
        await using var sim = await PocketOptionSimulator.StartAsync(Options(Clock())).WithSafetyNet(TimeSpan.FromSeconds(20));
        await using var client = await SimulatorClient.ConnectAsync(sim);

        await client.EmitAsync("auth", """{"isDemo":1,"uid":7}""");

        (await client.NextAsync()).Name.ShouldBe("NotAuthorized");
        await client.NamespaceLeft.WithSafetyNet(SafetyNet.NetworkLimit);
    }

    [Fact]
    public async Task A_configured_real_session_is_accepted_with_the_real_balance()
    {
        var options = Options(Clock());
        options.RealSessions.Add("real-session-abc");
        options.RealBalance = 123.45m;
        await using var sim = await PocketOptionSimulator.StartAsync(options).WithSafetyNet(TimeSpan.FromSeconds(20));
        await using var client = await SimulatorClient.ConnectAsync(sim);

        await client.EmitAsync("auth", """{"session":"real-session-abc","isDemo":0,"uid":"99","platform":2}""");

        var auth = await client.NextEventAsync("successauth");
        auth.Body.GetProperty("serverName").GetString().ShouldBe("simulator");
        auth.Body.TryGetProperty("id", out _).ShouldBeFalse();
        var balance = await client.NextEventAsync("successupdateBalance");
        balance.Body.GetProperty("balance").GetDecimal().ShouldBe(123.45m);
        balance.Body.GetProperty("isDemo").GetInt32().ShouldBe(0);
        balance.Body.GetProperty("uid").GetInt64().ShouldBe(99);
    }

    [Fact]
    public async Task The_post_login_burst_is_answered_where_the_platform_answers_and_accepted_silently_elsewhere()
    {
        await using var sim = await PocketOptionSimulator.StartAsync(Options(Clock())).WithSafetyNet(TimeSpan.FromSeconds(20));
        await using var client = await SimulatorClient.LoginAsync(sim);

        // The reference client's exact burst (§1.2 step 6) and a keep-alive, then a marker to know they were all handled.
        await client.EmitAsync("indicator/load");
        await client.EmitAsync("favorite/load");
        await client.EmitAsync("price-alert/load");
        await client.EmitAsync("ps");
        await client.EmitAsync("assets/load");
        await client.EmitAsync("getBalance");

        (await client.NextAsync()).Name.ShouldBe("updateAssets");
        var balance = await client.NextAsync();
        balance.Name.ShouldBe("successupdateBalance");
        balance.IsTwoStep.ShouldBeTrue();
        client.Drain().ShouldBeEmpty("the other events of the burst have no answer");
    }

    [Fact]
    public async Task Events_before_the_login_are_ignored()
    {
        await using var sim = await PocketOptionSimulator.StartAsync(Options(Clock())).WithSafetyNet(TimeSpan.FromSeconds(20));
        await using var client = await SimulatorClient.ConnectAsync(sim);

        await client.EmitAsync("getBalance");
        await client.EmitAsync("assets/load");
        await client.EmitAsync("auth", SimulatorClient.DemoAuth);

        // Handlers run in order: had getBalance been answered, its balance would come before successauth.
        (await client.NextAsync()).Name.ShouldBe("successauth");
    }

    [Fact]
    public async Task Two_clients_can_be_logged_in_at_once()
    {
        await using var sim = await PocketOptionSimulator.StartAsync(Options(Clock())).WithSafetyNet(TimeSpan.FromSeconds(20));
        await using var first = await SimulatorClient.LoginAsync(sim);
        await using var second = await SimulatorClient.ConnectAsync(sim);
        await second.EmitAsync("auth", SimulatorClient.DemoAuth.Replace("demo-token-1234567890", "another-demo-token", StringComparison.Ordinal));

        await second.NextEventAsync("successauth");
        (await second.NextEventAsync("successupdateBalance")).Body.GetProperty("balance").GetDecimal().ShouldBe(50_000m);
        sim.SessionCount.ShouldBe(2);
    }
}
