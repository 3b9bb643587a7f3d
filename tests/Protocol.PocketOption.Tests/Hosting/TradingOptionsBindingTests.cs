using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Protocol.PocketOption.Hosting;
using Protocol.PocketOption.Tests.Session;
using Protocol.PocketOption.Trading.Orders;

namespace Protocol.PocketOption.Tests.Hosting;

// The trading options (limits, result grace, pending timeout, command rate limit) bound from configuration and checked at start.
public sealed class TradingOptionsBindingTests
{
    private static IConfiguration Configuration(params (string Key, string? Value)[] values)
        => new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public async Task Trading_options_bind_from_configuration_and_reach_the_client()
    {
        var configuration = Configuration(
            ("A:Ssid", SsidSamples.DemoFrame),
            ("A:Endpoint", "ws://127.0.0.1:1/socket.io/?EIO=4&transport=websocket"),
            ("A:PreferredRegion", "EUROPA"),
            ("A:Trading:MinAmount", "5"),
            ("A:Trading:MaxAmount", "500"),
            ("A:Trading:OrderTimeout", "00:00:12"),
            ("A:Trading:ResultGrace", "00:00:45"),
            ("A:Trading:PendingOrderTimeout", "00:00:20"),
            ("A:CommandRateLimit:TokenLimit", "4"),
            ("A:CommandRateLimit:TokensPerPeriod", "2"),
            ("A:CommandRateLimit:ReplenishmentPeriod", "00:00:02"));
        await using var provider = new ServiceCollection().AddPocketOption("a", configuration.GetSection("A")).BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var options = provider.GetRequiredService<IOptionsMonitor<PocketOptionAccountOptions>>().Get("a");
        (options.Trading.MinAmount, options.Trading.MaxAmount, options.Trading.OrderTimeout).ShouldBe((5m, 500m, TimeSpan.FromSeconds(12)));
        (options.Trading.ResultGrace, options.Trading.PendingOrderTimeout).ShouldBe((TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(20)));
        options.PreferredRegion.ShouldBe("EUROPA");

        // The rate limit replaces PocketOption's default on the client's runtime options.
        var runtime = new ClientOptions();
        options.ToClientOptions(TimeProvider.System, null, "a").ConfigureClient!(runtime);
        (runtime.CommandRateLimit!.TokenLimit, runtime.CommandRateLimit.TokensPerPeriod, runtime.CommandRateLimit.ReplenishmentPeriod).ShouldBe((4, 2, TimeSpan.FromSeconds(2)));

        // The client checks orders against the bound limits before anything is sent (it is not even connected).
        var client = provider.GetRequiredKeyedService<PocketOptionClient>("a");
        var refused = await Should.ThrowAsync<OrderCheckException>(() => client.BuyAsync("EURUSD_otc", 1m, TimeSpan.FromSeconds(60)));
        refused.Message.ShouldContain("5–500");
    }

    [Fact]
    public void Invalid_trading_options_and_a_region_of_the_wrong_kind_fail_at_start_naming_the_setting()
    {
        var configuration = Configuration(
            ("B:Ssid", SsidSamples.DemoFrame),
            ("B:PreferredRegion", "EUROPE"),
            ("B:Trading:MinAmount", "0"),
            ("B:CommandRateLimit:TokensPerPeriod", "50"));
        using var provider = new ServiceCollection().AddPocketOption("b", configuration.GetSection("B")).BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        error.Failures.ShouldContain(f => f.Contains("Trading:MinAmount:") && f.Contains("must be positive"));
        error.Failures.ShouldContain(f => f.Contains("CommandRateLimit:TokensPerPeriod:") && f.Contains("between 1 and TokenLimit"));
        error.Failures.ShouldContain(f => f.Contains("PreferredRegion: 'EUROPE' is not a demo region") && f.Contains("DEMO"));
        error.Message.ShouldNotContain(SsidSamples.DemoToken);
    }

    [Fact]
    public void Leaving_the_sections_out_keeps_the_platforms_defaults()
    {
        var options = new PocketOptionAccountOptions { Ssid = SsidSamples.DemoFrame };
        options.Validate().ShouldBeEmpty();
        var client = options.ToClientOptions(TimeProvider.System, null, "c");
        (client.Trading.MinAmount, client.Trading.MaxAmount).ShouldBe((1m, 20_000m));
        client.ConfigureClient.ShouldBeNull();
        client.ProbeRegions.ShouldBeTrue();
    }
}
