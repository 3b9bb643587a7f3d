using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Protocol.ExpertOption;
using Protocol.ExpertOption.Hosting;
using Protocol.ExpertOption.Simulator;
using Protocol.ExpertOption.Tests.EndToEnd;
using Protocol.Testing;
using Protocol.Testing.Time;

namespace Protocol.ExpertOption.Tests.Hosting;

// services.AddExpertOption(...): options from configuration validated at start, keyed clients, hosted services, health checks.
public sealed class AddExpertOptionTests
{
    private const string Second = "fedcba9876543210fedcba9876543210";
    private static readonly TimeSpan Net = TimeSpan.FromSeconds(20);

    private static IConfiguration Configuration(params (string Key, string? Value)[] values)
        => new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Invalid_settings_fail_at_start_naming_the_setting_and_never_quoting_the_token()
    {
        const string pasted = "0123456789abcdef0123456789abcdeZZ";
        var configuration = Configuration(("ExpertOption:demo:Token", pasted), ("ExpertOption:demo:RequestTimeout", "00:00:00"), ("ExpertOption:demo:Endpoint", "http://127.0.0.1:1/"));
        using var provider = new ServiceCollection().AddExpertOption("demo", configuration.GetSection("ExpertOption:demo")).BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        error.Failures.ShouldContain(f => f.StartsWith("ExpertOption account 'demo': Token:", StringComparison.Ordinal) && f.Contains("32 hexadecimal characters"));
        error.Failures.ShouldContain(f => f.Contains("RequestTimeout: must be positive"));
        error.Failures.ShouldContain(f => f.Contains("Endpoint: must be an absolute ws:// or wss:// URI"));
        error.Message.ShouldNotContain(pasted);
        error.Failures.ShouldAllBe(f => !f.Contains(pasted));
    }

    [Fact]
    public void A_missing_token_fails_at_start()
    {
        using var provider = new ServiceCollection().AddExpertOption("demo", Configuration().GetSection("ExpertOption:demo")).BuildServiceProvider();
        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate())
            .Failures.ShouldContain(f => f.Contains("Token:") && f.Contains("has 0 characters"));
    }

    [Fact]
    public async Task Settings_bind_from_configuration()
    {
        var configuration = Configuration(
            ("A:Token", SimulatorFixture.Token),
            ("A:Endpoint", "ws://127.0.0.1:1/ws/v40"),
            ("A:IsDemo", "false"),
            ("A:ClosedTradeCapacity", "50"),
            ("A:ConnectTimeout", "00:00:12"));
        await using var provider = new ServiceCollection().AddExpertOption("a", configuration.GetSection("A")).BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptionsMonitor<ExpertOptionAccountOptions>>().Get("a");
        (options.Endpoint!.Port, options.IsDemo, options.ClosedTradeCapacity, options.ConnectTimeout).ShouldBe((1, false, 50, TimeSpan.FromSeconds(12)));
        var client = provider.GetRequiredKeyedService<ExpertOptionClient>("a");
        client.ToString().ShouldBe("ExpertOptionClient (real, Disconnected)");
        client.State.ClosedTrades.Capacity.ShouldBe(50);
    }

    [Fact]
    public async Task Region_choice_binds_from_configuration_and_reaches_the_client()
    {
        var configuration = Configuration(
            ("A:Token", SimulatorFixture.Token),
            ("A:PreferredRegion", "INDIA"),
            ("A:ProbeRegions", "false"));
        await using var provider = new ServiceCollection().AddExpertOption("a", configuration.GetSection("A")).BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptionsMonitor<ExpertOptionAccountOptions>>().Get("a");
        (options.PreferredRegion, options.ProbeRegions).ShouldBe(("INDIA", false));

        // What the keyed client is created with: the region choice is not dropped on the way.
        var client = options.ToClientOptions(TimeProvider.System, null);
        (client.PreferredRegion, client.ProbeRegions).ShouldBe(("INDIA", false));
        provider.GetRequiredKeyedService<ExpertOptionClient>("a").ShouldNotBeNull();
    }

    [Fact]
    public void Leaving_the_region_out_keeps_the_fastest_gateway_first()
    {
        var options = new ExpertOptionAccountOptions { Token = SimulatorFixture.Token };
        options.Validate().ShouldBeEmpty();
        var client = options.ToClientOptions(TimeProvider.System, null);
        (client.PreferredRegion, client.ProbeRegions).ShouldBe((null, true));
    }

    [Fact]
    public void An_unknown_region_fails_at_start_naming_the_setting_and_the_gateways()
    {
        var configuration = Configuration(("B:Token", SimulatorFixture.Token), ("B:PreferredRegion", "europe"));
        using var provider = new ServiceCollection().AddExpertOption("b", configuration.GetSection("B")).BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        error.Failures.ShouldContain(f => f.Contains("PreferredRegion: 'europe' is not a gateway") && f.Contains("EUROPE") && f.Contains("SINGAPORE"));
        error.Message.ShouldNotContain(SimulatorFixture.Token);
    }

    [Fact]
    public async Task Two_accounts_run_side_by_side_on_keyed_registrations_with_health_checks()
    {
        var clock = new TimerCountingTimeProvider(SimulatorFixture.Start);
        await using var simulator = await ExpertOptionSimulator.StartAsync(new ExpertOptionSimulatorOptions
        {
            TimeProvider = clock,
            ValidTokens = new HashSet<string>(StringComparer.Ordinal) { SimulatorFixture.Token, Second },
        }).WithSafetyNet(Net);
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddExpertOption("first", o => (o.Token, o.Endpoint) = (SimulatorFixture.Token, simulator.Endpoint))
            .AddExpertOption("second", o => (o.Token, o.Endpoint) = (Second, simulator.Endpoint));
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var first = provider.GetRequiredKeyedService<ExpertOptionClient>("first");
        var other = provider.GetRequiredKeyedService<ExpertOptionClient>("second");
        first.ShouldNotBeSameAs(other);
        var health = new[] { ExpertOptionHealthCheck.Registration("first"), ExpertOptionHealthCheck.Registration("second") };
        health.Select(h => h.Name).ShouldBe(["expertoption-first", "expertoption-second"]);
        (await CheckAsync(provider, health[0])).Status.ShouldBe(HealthStatus.Degraded, "not connected yet");

        var hosted = provider.GetServices<IHostedService>().ToList();
        hosted.Count.ShouldBe(2);
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None).WithSafetyNet(Net);
        }

        // ConnectAsync joins the loop the hosted service started and waits for Ready.
        await first.ConnectAsync().WithSafetyNet(Net);
        await other.ConnectAsync().WithSafetyNet(Net);
        (await first.GetBalanceAsync().WithSafetyNet(Net)).ShouldBe(10_000m);
        foreach (var registration in health)
        {
            (await CheckAsync(provider, registration)).Status.ShouldBe(HealthStatus.Healthy, registration.Name);
        }

        foreach (var service in hosted)
        {
            await service.StopAsync(CancellationToken.None).WithSafetyNet(Net);
        }

        first.ConnectionState.ShouldBe(ConnectionState.Disconnected);
    }

    [Fact]
    public async Task A_refused_account_is_unhealthy_with_the_reason_and_without_the_token()
    {
        var clock = new TimerCountingTimeProvider(SimulatorFixture.Start);
        await using var simulator = await ExpertOptionSimulator.StartAsync(new ExpertOptionSimulatorOptions { TimeProvider = clock }).WithSafetyNet(Net);
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddExpertOption("demo", o => (o.Token, o.Endpoint) = (Second, simulator.Endpoint));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredKeyedService<ExpertOptionClient>("demo");
        await provider.GetServices<IHostedService>().Single().StartAsync(CancellationToken.None).WithSafetyNet(Net);
        await Should.ThrowAsync<LoginRejectedException>(client.Core.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)).WithSafetyNet(Net));

        var result = await CheckAsync(provider, ExpertOptionHealthCheck.Registration("demo"));
        result.Status.ShouldBe(HealthStatus.Unhealthy);
        result.Description.ShouldNotBeNull().ShouldContain("ERROR_INCORRECT_TOKEN");
        result.Description.ShouldNotContain(Second);
    }

    private static Task<HealthCheckResult> CheckAsync(IServiceProvider provider, HealthCheckRegistration registration)
        => registration.Factory(provider).CheckHealthAsync(new HealthCheckContext { Registration = registration });
}
