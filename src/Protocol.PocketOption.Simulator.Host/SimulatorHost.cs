using System.Globalization;
using Protocol.Simulation.Time;

namespace Protocol.PocketOption.Simulator.Host;

/// <summary>
/// The host's entry: starts the simulator on 127.0.0.1 with the command line's settings, prints its endpoint and a demo
/// SSID, and runs until <c>stop</c> fires (Ctrl+C in <c>Program</c>).
/// </summary>
public static class SimulatorHost
{
    /// <summary>The SSID the host prints: a demo login the simulator accepts (any demo session is accepted).</summary>
    public const string DemoSsid = """42["auth",{"session":"simulator-demo-session","isDemo":1,"uid":1,"platform":2}]""";

    /// <summary>Runs the simulator until <paramref name="stop"/> fires.</summary>
    /// <param name="args">The command line (see <see cref="HostArguments"/>).</param>
    /// <param name="output">Where the endpoint, the SSID and the settings go.</param>
    /// <param name="error">Where a refused command line or a failed start is explained.</param>
    /// <param name="stop">Stops the simulator.</param>
    /// <returns>0 after a clean stop (or <c>--help</c>), 1 when the simulator could not start, 2 for a bad command line.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (HostArguments.WantsHelp(args))
        {
            await output.WriteLineAsync(HostArguments.Usage).ConfigureAwait(false);
            return 0;
        }

        HostArguments arguments;
        try
        {
            arguments = HostArguments.Parse(args);
        }
        catch (HostArgumentException refused)
        {
            await error.WriteLineAsync(refused.Message).ConfigureAwait(false);
            await error.WriteLineAsync(HostArguments.Usage).ConfigureAwait(false);
            return 2;
        }

        var options = Options(arguments);
        PocketOptionSimulator simulator;
        try
        {
            simulator = await PocketOptionSimulator.StartAsync(options, stop).ConfigureAwait(false);
        }
        catch (IOException failed)
        {
            // Kestrel's bind failure: the port is taken or not allowed.
            await error.WriteLineAsync($"The simulator could not listen on 127.0.0.1:{arguments.Port} ({failed.Message}). Pass another --port, or 0 for a free one.").ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }

        await using (simulator.ConfigureAwait(false))
        {
            await output.WriteLineAsync($"PocketOption simulator listening on {simulator.Endpoint}").ConfigureAwait(false);
            await output.WriteLineAsync($"Demo SSID: {DemoSsid}").ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Demo balance: {options.DemoBalance:0.##}")).ConfigureAwait(false);
            await output.WriteLineAsync(arguments.Speed == 1
                ? "Clock: real time"
                : string.Create(CultureInfo.InvariantCulture, $"Clock: {arguments.Speed:0.###}x real time, from {options.TimeProvider.GetUtcNow():yyyy-MM-dd HH:mm:ss} UTC")).ConfigureAwait(false);
            await output.WriteLineAsync("Press Ctrl+C to stop.").ConfigureAwait(false);

            // Runs until the stop: there is nothing to time out.
            var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using (stop.Register(() => stopped.TrySetResult()).ConfigureAwait(false))
            {
                await stopped.Task.ConfigureAwait(false);
            }

            await output.WriteLineAsync("Stopping: closing every session.").ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>
    /// The simulator's options for a command line. With <c>--speed N</c> the market runs on a clock N times faster than
    /// <paramref name="realTime"/>, while the connections stay on <paramref name="realTime"/>: the clients connecting to
    /// the host live in real time, so the handshake advertises socket.io's 25 s / 20 s and the pings keep that pace.
    /// </summary>
    /// <param name="arguments">The command line, read.</param>
    /// <param name="realTime">The clients' clock; the system clock when null (tests give a fake one).</param>
    /// <returns>The options.</returns>
    public static PocketOptionSimulatorOptions Options(HostArguments arguments, TimeProvider? realTime = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        realTime ??= TimeProvider.System;
        var options = new PocketOptionSimulatorOptions { Port = arguments.Port, TimeProvider = realTime };
        if (arguments.DemoBalance is { } balance)
        {
            options.DemoBalance = balance;
        }

        if (arguments.Seed is { } seed)
        {
            options.Seed = seed;
        }

        if (arguments.Speed != 1)
        {
            options.TimeProvider = new AcceleratedTimeProvider(arguments.Speed, realTime);

            // Heartbeats and the connect timeout stay socket.io's 25 s / 20 s / 45 s in real time, advertised and kept:
            // a client's pong or CONNECT is not N times faster, and a dead host must be found as fast as it expects.
            options.ConnectionTimeProvider = realTime;
        }

        return options;
    }
}
