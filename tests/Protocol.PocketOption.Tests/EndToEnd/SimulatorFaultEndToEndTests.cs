using Protocol.PocketOption.Tests.Session;
using Protocol.Testing;
using Protocol.Testing.Connections;
using Protocol.Testing.Envelopes;
using Protocol.Testing.Scripts;

namespace Protocol.PocketOption.Tests.EndToEnd;

// Issue #12's end-to-end list, the fault half: a half-open server found dead in time, and a session recorded against the
// simulator replayed offline.
public sealed class SimulatorFaultEndToEndTests
{
    private static readonly TimeSpan Net = TimeSpan.FromSeconds(20);
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, 200, TimeSpan.Zero);

    [Fact]
    public async Task A_half_open_server_is_found_dead_within_ping_interval_plus_ping_timeout()
    {
        await using var h = await SimulatorHarness.StartAsync(Start);
        await h.Client.ConnectAsync().WithSafetyNet(Net);
        await h.SyncAsync();
        var left = new TaskCompletionSource<ConnectionState>(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Client.Client.StateChanged += (_, e) =>
        {
            if (e.Previous == ConnectionState.Ready)
            {
                left.TrySetResult(e.Current);
            }
        };

        h.Simulator.StopAnsweringAll();   // no pings, no answers, no close: the link looks alive to the socket

        // The simulator's handshake says pingInterval 25 s, pingTimeout 20 s: silence is tolerated up to 45 s.
        h.Advance(TimeSpan.FromSeconds(44), TimeSpan.FromSeconds(1));
        left.Task.IsCompleted.ShouldBeFalse("44 s of silence is still within pingInterval + pingTimeout");
        h.Advance(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));

        (await left.Task.WithSafetyNet(Net)).ShouldBe(ConnectionState.Reconnecting);
    }

    [Fact]
    public async Task A_session_recorded_against_the_simulator_replays_offline_with_the_new_runs_history_index()
    {
        // Record: log in, read history (a loadHistoryPeriod correlated by index), leave.
        var text = new StringWriter();
        var recorder = new FrameRecorder(text, leaveOpen: true);
        IReadOnlyList<Protocol.Trading.Candles.Candle> recorded;
        await using (var h = await SimulatorHarness.StartAsync(Start, recorder: recorder))
        {
            await h.Client.ConnectAsync().WithSafetyNet(Net);
            recorded = await h.Client.GetCandlesAsync("EURUSD_otc", TimeSpan.FromMinutes(1), 5).WithSafetyNet(Net);
        }

        await recorder.DisposeAsync().AsTask().WithSafetyNet(Net);
        var recording = text.ToString();
        foreach (var secret in SsidSamples.Secrets)
        {
            recording.ShouldNotContain(secret);
        }

        // Replay on a fake transport: a new client, whose history index is its own, gets the recorded candles.
        var transport = new FakeTransport(FakeEnvelope.SocketIO);
        await using var client = PocketOptionClient.Create(SsidSamples.DemoFrame, new PocketOptionOptions
        {
            Endpoint = new Uri("ws://127.0.0.1:9/socket.io/?EIO=4&transport=websocket"),
            TimeProvider = new Protocol.Testing.Time.TimerCountingTimeProvider(Start), // where the recording started: the same history window
            RequestTimeout = TimeSpan.FromSeconds(10),
            ConfigureBuilder = b => b.UseConnection(transport.CreateConnection),
        });
        var options = new RecordingReplayOptions();
        options.IgnoredEvents.Add("ps");
        var replay = Task.Run(async () => await ScriptedExchange.FromRecording(recording, options).RunAsync(await transport.NextConnectionAsync()));
        await client.ConnectAsync().WithSafetyNet(Net);
        var replayed = await client.GetCandlesAsync("EURUSD_otc", TimeSpan.FromMinutes(1), 5).WithSafetyNet(Net);
        await replay.WithSafetyNet(Net);

        replayed.ShouldBe(recorded);
    }
}
