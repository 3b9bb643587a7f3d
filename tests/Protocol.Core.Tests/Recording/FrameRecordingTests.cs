using System.Text;
using Microsoft.Extensions.Time.Testing;
using Protocol.Core.Tests.Testing;
using Protocol.Testing;
using Protocol.Testing.Connections;
using Protocol.Testing.Envelopes;
using Protocol.Testing.Scripts;

namespace Protocol.Core.Tests.Recording;

// Issue #12: a session recorded (secrets redacted) on one run is replayed offline as a script on another, where the
// client makes up different request ids.
public sealed class FrameRecordingTests
{
    private const string Server = """
        > 42["auth",{"session":"demo-session","isDemo":1}]
        < 42["successauth",{"uid":1}]
        """;

    [Fact]
    public async Task A_recorded_session_has_every_frame_with_its_secrets_redacted()
    {
        var recording = await RecordAsync("req-1");

        recording.ShouldContain("""> 42["auth",{"session":"[redacted]","isDemo":1}]""");
        recording.ShouldContain("""< 42["successauth",{"uid":"[redacted]"}]""");
        recording.ShouldContain("""> 42["openOrder",{"requestId":"req-1","amount":5}]""");
        recording.ShouldContain("""< 451-["successopenOrder",{"_placeholder":true,"num":0}]""");
        recording.ShouldNotContain("demo-session");
        recording.ShouldContain("# session 1: ");

        // The attachment is recorded as base64 of its redacted JSON: the account id is gone, the request id stays.
        var attachment = recording.Split('\n').Single(l => l.StartsWith("< b64:", StringComparison.Ordinal));
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(attachment["< b64:".Length..].Trim()));
        json.ShouldBe("""{"requestId":"req-1","uid":"[redacted]","profit":0}""");
    }

    [Fact]
    public async Task A_recording_replays_offline_with_the_new_runs_request_ids_in_the_recorded_answers()
    {
        var recording = await RecordAsync("req-1");
        var (client, transport, raw) = Build(recorder: null);
        await using var _ = client;

        var replay = Task.Run(async () => await ScriptedExchange.FromRecording(recording).RunAsync(await transport.NextConnectionAsync()));
        await client.ConnectAsync();
        await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(2)).WithSafetyNet();
        await using var channel = raw.OpenChannel(Validator.StartsWith("451-[\"successopenOrder\""));
        var answer = await channel.SendAndWaitAsync(OutgoingMessage.Text("""42["openOrder",{"requestId":"req-2","amount":5}]"""), TimeSpan.FromMinutes(1)).WithSafetyNet();
        await replay.WithSafetyNet();

        // The recorded answer carried req-1; the replay puts in the id this run sent.
        var json = Encoding.UTF8.GetString(answer.Attachments.ShouldHaveSingleItem());
        json.ShouldContain("\"requestId\":\"req-2\"");
        json.ShouldNotContain("req-1");
    }

    [Fact]
    public async Task A_replay_fails_at_the_line_where_the_client_sends_another_event()
    {
        var recording = await RecordAsync("req-1");
        var (client, transport, raw) = Build(recorder: null);
        await using var _ = client;

        var replay = Task.Run(async () => await ScriptedExchange.FromRecording(recording).RunAsync(await transport.NextConnectionAsync()));
        await client.ConnectAsync();
        await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(2)).WithSafetyNet();
        await client.SendAsync(OutgoingMessage.Text("""42["cancelOrder",{"requestId":"req-2"}]"""));

        var error = await Should.ThrowAsync<ScriptMismatchException>(replay.WithSafetyNet());
        error.Message.ShouldContain("'openOrder'");
        error.Message.ShouldContain("'cancelOrder'");
    }

    [Fact]
    public async Task Ignored_events_are_skipped_on_both_sides_and_a_missing_session_is_named()
    {
        var recording = """
            # session 1: test
            > 42["auth",{"session":"[redacted]","isDemo":1}]
            > 42["ps"]
            < 42["successauth",{"uid":"[redacted]"}]
            > 42["hello"]
            # session 1 ended: ClosedByServer
            """;
        var options = new RecordingReplayOptions();
        options.IgnoredEvents.Add("ps");
        var script = ScriptedExchange.FromRecording(recording, options);
        script.Steps.Select(s => s.Text).ShouldBe(["""42["auth",{"session":"[redacted]","isDemo":1}]""", """42["successauth",{"uid":"[redacted]"}]""", """42["hello"]"""]);

        var (client, transport, _) = Build(recorder: null);
        await using var _ = client;
        var replay = Task.Run(async () => await script.RunAsync(await transport.NextConnectionAsync()));
        await client.ConnectAsync();
        await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(2)).WithSafetyNet();
        await client.SendAsync(OutgoingMessage.Text("""42["ps"]""")); // the client's keep-alive: skipped while "hello" is awaited
        await client.SendAsync(OutgoingMessage.Text("""42["hello"]"""));
        await replay.WithSafetyNet();

        var missing = Should.Throw<FormatException>(() => ScriptedExchange.FromRecording(recording, new RecordingReplayOptions { Session = 2 }));
        missing.Message.ShouldContain("has 1 session(s)");
    }

    [Fact]
    public async Task A_writer_that_falls_behind_loses_frames_counted_and_marked_never_the_receive_path()
    {
        var writer = new GatedWriter();
        var recorder = new FrameRecorder(writer, new FrameRecorderOptions { Capacity = 2 });
        await writer.FirstWrite.Task.WithSafetyNet(); // the pump holds the title line, so 2 more lines fit
        var (client, transport, _) = Build(recorder);
        await using (client)
        {
            await client.ConnectAsync();
            var connection = await transport.NextConnectionAsync();
            await ScriptedExchange.Parse(Server).RunAsync(connection);
            await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(2)).WithSafetyNet();
            for (var i = 0; i < 5; i++)
            {
                connection.PushText($$"""42["tick",{"n":{{i}}}]""");
            }
        }

        recorder.DroppedCount.ShouldBeGreaterThan(0);
        writer.Release();
        await recorder.DisposeAsync().AsTask().WithSafetyNet();
        writer.Text.ShouldContain("message(s) dropped here");
        writer.Text.ShouldContain("# session 1: ");
    }

    private static async Task<string> RecordAsync(string requestId)
    {
        var text = new StringWriter();
        var recorder = new FrameRecorder(text, leaveOpen: true);
        var (client, transport, raw) = Build(recorder);
        await using (client)
        {
            await client.ConnectAsync();
            var connection = await transport.NextConnectionAsync();
            await ScriptedExchange.Parse(Server).RunAsync(connection);
            await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(2)).WithSafetyNet();
            await using var channel = raw.OpenChannel(Validator.StartsWith("451-[\"successopenOrder\""));
            var waiting = channel.SendAndWaitAsync(OutgoingMessage.Text($$"""42["openOrder",{"requestId":"{{requestId}}","amount":5}]"""), TimeSpan.FromMinutes(1));
            await ScriptedExchange.Parse($$"""
                > 42["openOrder",{"requestId":"{{requestId}}","amount":5}]
                < 451-["successopenOrder",{"_placeholder":true,"num":0}]
                < b64: {{Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""{"requestId":"{{requestId}}","uid":777,"profit":0}"""))}}
                """).RunAsync(connection);
            await waiting.WithSafetyNet();
        }

        await recorder.DisposeAsync().AsTask().WithSafetyNet();
        return text.ToString();
    }

    private static (Client<ReadmeLoginTests.AccountState> Client, FakeTransport Transport, RawApi Raw) Build(FrameRecorder? recorder)
    {
        var transport = new FakeTransport(FakeEnvelope.SocketIO);
        var builder = new ClientBuilder<ReadmeLoginTests.AccountState>(new ReadmeLoginTests.AccountState())
            .UseConnection(transport.CreateConnection)
            .AddEndpoint(new ConnectionEndpoint("wss://demo.example/socket.io/"))
            .UseTimeProvider(new FakeTimeProvider())
            .UseLogin(new ReadmeLoginTests.AuthLogin())
            .AddRawModule();
        if (recorder is not null)
        {
            builder.RecordFrames(recorder);
        }

        var client = builder.Build();
        return (client, transport, client.GetApi<RawApi>());
    }

    // Holds every write after the first until released, as a disk that stalls would.
    private sealed class GatedWriter : TextWriter
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly StringBuilder _text = new();

        public TaskCompletionSource FirstWrite { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override Encoding Encoding => Encoding.UTF8;

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public void Release() => _gate.TrySetResult();

        public override async Task WriteLineAsync(string? value)
        {
            FirstWrite.TrySetResult();
            await _gate.Task.ConfigureAwait(false);
            lock (_text)
            {
                _text.AppendLine(value);
            }
        }
    }
}
