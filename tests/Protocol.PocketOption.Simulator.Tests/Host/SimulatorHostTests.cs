using Protocol.PocketOption.Simulator.Host;
using Protocol.PocketOption.Simulator.Tests.Wire;
using Protocol.Simulation.Time;
using Protocol.Testing;

namespace Protocol.PocketOption.Simulator.Tests.Host;

public sealed class SimulatorHostTests
{
    [Fact]
    public async Task The_host_prints_its_endpoint_and_a_demo_SSID_that_logs_in_and_stops_cleanly_when_told()
    {
        var output = new LineWriter();
        var error = new LineWriter();
        using var stop = new CancellationTokenSource();
        var run = SimulatorHost.RunAsync(["--port", "0", "--demo-balance", "10000", "--speed", "60"], output, error, stop.Token);

        var listening = await output.NextLineAsync();
        listening.ShouldStartWith("PocketOption simulator listening on ws://127.0.0.1:");
        var endpoint = new Uri(listening["PocketOption simulator listening on ".Length..]);
        endpoint.Port.ShouldBeGreaterThan(0);
        var ssid = await output.NextLineAsync();
        ssid.ShouldStartWith("Demo SSID: 42[\"auth\",");
        (await output.NextLineAsync()).ShouldBe("Demo balance: 10000");
        (await output.NextLineAsync()).ShouldStartWith("Clock: 60x real time");
        (await output.NextLineAsync()).ShouldBe("Press Ctrl+C to stop.");

        await using (var client = await SimulatorClient.ConnectAsync(endpoint))
        {
            await client.SendRawAsync(ssid["Demo SSID: ".Length..]);
            (await client.NextEventAsync("successauth")).IsTwoStep.ShouldBeTrue();
            (await client.NextEventAsync("successupdateBalance")).Body.GetProperty("balance").GetDecimal().ShouldBe(10_000m);
            client.Open.GetProperty("pingInterval").GetInt64().ShouldBe(25_000L, "the client lives in real time: heartbeats are advertised as 25 s");
            client.Open.GetProperty("pingTimeout").GetInt64().ShouldBe(20_000L);

            stop.Cancel();
            (await run.WithSafetyNet(TimeSpan.FromSeconds(20))).ShouldBe(0);
            await client.Closed.WithSafetyNet(SafetyNet.NetworkLimit);
        }

        (await output.NextLineAsync()).ShouldBe("Stopping: closing every session.");
        error.Rest().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("--speed", "0", "--speed '0' is not valid: pass a number above 0")]
    [InlineData("--port", "70000", "--port '70000' is not valid: pass a port number from 0")]
    [InlineData("--demo-balance", "lots", "--demo-balance 'lots' is not valid")]
    [InlineData("--prot", "8080", "Unknown option(s): --prot.")]
    public async Task A_bad_command_line_exits_2_and_says_what_was_wrong(string name, string value, string message)
    {
        var output = new LineWriter();
        var error = new LineWriter();

        (await SimulatorHost.RunAsync([name, value], output, error, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBe(2);

        (await error.NextLineAsync()).ShouldContain(message);
        error.Rest().ShouldContain("Usage: dotnet run --project src/Protocol.PocketOption.Simulator.Host");
        output.Rest().ShouldBeEmpty();
    }

    [Fact]
    public void The_options_follow_the_command_line()
    {
        var options = SimulatorHost.Options(HostArguments.Parse(["--port=8080", "--demo-balance", "10000", "--speed", "60", "--seed", "7"]));

        options.Port.ShouldBe(8080);
        options.DemoBalance.ShouldBe(10_000m);
        options.Seed.ShouldBe(7UL);
        options.TimeProvider.ShouldBeOfType<AcceleratedTimeProvider>().Speed.ShouldBe(60);
        options.ConnectionTimeProvider.ShouldBe(TimeProvider.System, "the connections keep the clients' real time");
        options.PingInterval.ShouldBe(TimeSpan.FromSeconds(25));
        options.PingTimeout.ShouldBe(TimeSpan.FromSeconds(20));
        options.ConnectTimeout.ShouldBe(TimeSpan.FromSeconds(45));

        var defaults = SimulatorHost.Options(HostArguments.Parse([]));
        defaults.Port.ShouldBe(0);
        defaults.TimeProvider.ShouldBe(TimeProvider.System);
        defaults.ConnectionTimeProvider.ShouldBeNull("one clock for all at real speed");
        defaults.PingInterval.ShouldBe(TimeSpan.FromSeconds(25));
    }
}
