using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Protocol.PocketOption.Hosting;
using Protocol.PocketOption.Simulator;
using Protocol.PocketOption.Tests.Session;
using Protocol.Testing;
using Protocol.Testing.Time;

namespace Protocol.PocketOption.Tests.Hosting;

// services.AddPocketOption(...): options from configuration validated at start, keyed clients, hosted services, health checks.
public sealed class AddPocketOptionTests
{
    private static readonly TimeSpan Net = TimeSpan.FromSeconds(20);

    private static IConfiguration Configuration(params (string Key, string? Value)[] values)
        => new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Invalid_settings_fail_at_start_naming_the_setting_and_never_quoting_the_ssid()
    {
        var broken = SsidSamples.DemoObject.Replace("\"uid\":", "\"uidx\":", StringComparison.Ordinal);
        var configuration = Configuration(("PocketOption:demo:Ssid", broken), ("PocketOption:demo:RequestTimeout", "00:00:00"));
        var services = new ServiceCollection().AddPocketOption("demo", configuration.GetSection("PocketOption:demo"));
        using var provider = services.BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        error.Failures.ShouldContain(f => f.Contains("Ssid:") && f.Contains("uid"));
        error.Failures.ShouldContain(f => f.Contains("RequestTimeout"));
        error.Message.ShouldNotContain(SsidSamples.DemoToken);
    }

    [Fact]
    public void Settings_bind_from_configuration()
    {
        var configuration = Configuration(
            ("A:Ssid", SsidSamples.DemoFrame),
            ("A:Endpoint", "ws://127.0.0.1:1/socket.io/?EIO=4&transport=websocket"),
            ("A:DefaultSymbol", "AUDCAD_otc"),
            ("A:ConnectTimeout", "00:00:12"));
        using var provider = new ServiceCollection().AddPocketOption("a", configuration.GetSection("A")).BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptionsMonitor<PocketOptionAccountOptions>>().Get("a");
        (options.Endpoint!.Port, options.DefaultSymbol, options.ConnectTimeout).ShouldBe((1, "AUDCAD_otc", TimeSpan.FromSeconds(12)));
    }

    [Fact]
    public async Task Two_accounts_run_side_by_side_on_keyed_registrations_with_health_checks()
    {
        var clock = new TimerCountingTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        await using var simulator = await PocketOptionSimulator.StartAsync(new PocketOptionSimulatorOptions { TimeProvider = clock }).WithSafetyNet(Net);
        var second = SsidSamples.DemoFrame.Replace(SsidSamples.DemoToken, "anotherDemoToken42", StringComparison.Ordinal)
            .Replace(SsidSamples.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture), "12345", StringComparison.Ordinal);
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddPocketOption("first", o => (o.Ssid, o.Endpoint) = (SsidSamples.DemoFrame, simulator.Endpoint))
            .AddPocketOption("second", o => (o.Ssid, o.Endpoint) = (second, simulator.Endpoint));
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var first = provider.GetRequiredKeyedService<PocketOptionClient>("first");
        var other = provider.GetRequiredKeyedService<PocketOptionClient>("second");
        first.ShouldNotBeSameAs(other);
        var health = new[] { PocketOptionHealthCheck.Registration("first"), PocketOptionHealthCheck.Registration("second") };
        (await CheckAsync(provider, health[0])).Status.ShouldBe(HealthStatus.Degraded, "not connected yet");

        var hosted = provider.GetServices<IHostedService>().ToList();
        hosted.Count.ShouldBe(2);
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None).WithSafetyNet(Net);
        }

        await first.Client.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)).WithSafetyNet(Net);
        await other.Client.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)).WithSafetyNet(Net);
        (await first.GetBalanceAsync().WithSafetyNet(Net)).ShouldBe(simulator.Options.DemoBalance);
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
    public async Task A_refused_account_is_unhealthy_with_the_reason()
    {
        var clock = new TimerCountingTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        await using var simulator = await PocketOptionSimulator.StartAsync(new PocketOptionSimulatorOptions { TimeProvider = clock }).WithSafetyNet(Net);
        simulator.Faults.RejectAuth = true;
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddPocketOption("demo", o => (o.Ssid, o.Endpoint) = (SsidSamples.DemoFrame, simulator.Endpoint));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredKeyedService<PocketOptionClient>("demo");
        await provider.GetServices<IHostedService>().Single().StartAsync(CancellationToken.None).WithSafetyNet(Net);
        await Should.ThrowAsync<LoginRejectedException>(client.Client.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)).WithSafetyNet(Net));

        var result = await CheckAsync(provider, PocketOptionHealthCheck.Registration("demo"));
        result.Status.ShouldBe(HealthStatus.Unhealthy);
        result.Description.ShouldNotBeNull().ShouldContain("NotAuthorized");
        result.Description.ShouldNotContain(SsidSamples.DemoToken);
    }

    private static Task<HealthCheckResult> CheckAsync(IServiceProvider provider, HealthCheckRegistration registration)
        => registration.Factory(provider).CheckHealthAsync(new HealthCheckContext { Registration = registration });
}
