using Protocol.SocketIO;
using System.Text;
using System.Text.Json;
using Protocol.Interop.Tests.Fixture;

namespace Protocol.Interop.Tests;

[Collection(PeerCollection.Name)]
public sealed class SocketIOInteropTests(PeerServerFixture peer)
{
    private Uri Server => peer.Server.Uri;

    private static JsonElement Json(ReadOnlyMemory<byte> utf8) => JsonDocument.Parse(utf8).RootElement.Clone();

    [Fact]
    public async Task Receives_text_and_binary_events_from_the_server()
    {
        await using var client = await InteropClient.ConnectAsync(Server);
        await client.Connection.EmitAsync("greet-me");

        var hello = await client.NextEventAsync("hello");
        hello.Arg(0).GetString().ShouldBe("world");
        hello.Arg(1).GetInt32().ShouldBe(42);
        hello.Arg(2).GetProperty("a")[0].GetBoolean().ShouldBeTrue();
        hello.Arg(2).GetProperty("a")[1].ValueKind.ShouldBe(JsonValueKind.Null);
        hello.Arg(3).GetDouble().ShouldBe(1.5);
        hello.Arg(4).GetString().ShouldBe("é€😀");

        var bin = await client.NextEventAsync("bin");
        bin.Attachments.Length.ShouldBe(1);
        bin.Attachments[0].ShouldBe(new byte[] { 1, 2, 3, 4 });
        bin.Arg(1).GetString().ShouldBe("tail");

        var bin2 = await client.NextEventAsync("bin2");
        bin2.Attachments.Length.ShouldBe(2);
        bin2.Arg(0).GetProperty("x").GetProperty("num").GetInt32().ShouldBe(0);
        bin2.Attachments[0].ShouldBe("ab"u8.ToArray());
        bin2.Attachments[1].ShouldBe(new byte[] { 0xff });
    }

    [Fact]
    public async Task Sends_text_and_binary_events_that_the_server_echoes()
    {
        await using var client = await InteropClient.ConnectAsync(Server);
        await client.Connection.EmitAsync("echo", "1,\"2\",{\"3\":[true]},null"u8);
        var text = await client.NextEventAsync("echo-back");
        text.Arg(0).GetInt32().ShouldBe(1);
        text.Arg(1).GetString().ShouldBe("2");
        text.Arg(2).GetProperty("3")[0].GetBoolean().ShouldBeTrue();
        text.Arg(3).ValueKind.ShouldBe(JsonValueKind.Null);

        await client.Connection.EmitAsync("echo", "{\"_placeholder\":true,\"num\":0}"u8, [new byte[] { 1, 2, 3 }]);
        var one = await client.NextEventAsync("echo-back");
        one.Attachments.Length.ShouldBe(1);
        one.Attachments[0].ShouldBe(new byte[] { 1, 2, 3 });

        await client.Connection.EmitAsync(
            "echo",
            "{\"deep\":{\"a\":{\"_placeholder\":true,\"num\":0}}},[{\"_placeholder\":true,\"num\":1}]"u8,
            [new byte[] { 1, 2, 3 }, new byte[] { 4, 5, 6 }]);
        var two = await client.NextEventAsync("echo-back");
        two.Attachments.Length.ShouldBe(2);
        two.Attachments.ShouldContain(a => a.SequenceEqual(new byte[] { 1, 2, 3 }));
        two.Attachments.ShouldContain(a => a.SequenceEqual(new byte[] { 4, 5, 6 }));
        var deepNum = two.Arg(0).GetProperty("deep").GetProperty("a").GetProperty("num").GetInt32();
        two.Attachments[deepNum].ShouldBe(new byte[] { 1, 2, 3 });
    }

    [Fact]
    public async Task Acks_come_back_for_text_and_binary_emits()
    {
        await using var client = await InteropClient.ConnectAsync(Server);
        var ack = await client.Connection.EmitWithAckAsync("ack-me", "\"x\""u8);
        var payload = Json(ack.Payload);
        payload[0].GetString().ShouldBe("ack:x");
        payload[1].GetInt32().ShouldBe(7);

        var binAck = await client.Connection.EmitWithAckAsync("ack-bin");
        binAck.Attachments.Count.ShouldBe(2);
        binAck.TryGetArgument(0, out var first).ShouldBeTrue();
        first.ToArray().ShouldBe(new byte[] { 9, 8, 7 });
        var y = Json(binAck.Payload)[1].GetProperty("y").GetProperty("num").GetInt32();
        binAck.Attachments[y].ToArray().ShouldBe(new byte[] { 6 });

        var upload = await client.Connection.EmitWithAckAsync(
            "upload",
            "{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}"u8,
            [new byte[] { 0xde, 0xad, 0xbe, 0xef }, new byte[] { 1 }]);
        var sizes = Json(upload.Payload)[0];
        sizes[0].GetInt32().ShouldBe(4);
        sizes[1].GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_emits_with_acks_all_complete_with_their_own_reply()
    {
        await using var client = await InteropClient.ConnectAsync(Server);
        var tasks = Enumerable.Range(0, 200).Select(i => Task.Run(() => i % 2 == 0
            ? client.Connection.EmitWithAckAsync("ack-echo", Encoding.UTF8.GetBytes(i.ToString()))
            : client.Connection.EmitWithAckAsync("ack-echo", Encoding.UTF8.GetBytes($"{i},{{\"_placeholder\":true,\"num\":0}}"), [new byte[] { (byte)i }]))).ToArray();
        var acks = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < acks.Length; i++)
        {
            Json(acks[i].Payload)[0].GetInt32().ShouldBe(i);
            if (i % 2 == 1)
            {
                acks[i].Attachments[0].ToArray().ShouldBe(new byte[] { (byte)i });
            }
        }

        client.Connection.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public async Task Answers_server_initiated_ack_requests_text_and_binary()
    {
        InteropClient? client = null;
        client = await InteropClient.ConnectAsync(Server, extra: view =>
        {
            if (view.Kind == MessageKind.Event && view.GetAckId() is not null)
            {
                if (view.Name.SequenceEqual("question"u8))
                {
                    _ = client!.Connection.AckAsync(view, "\"answer\""u8);
                }
                else if (view.Name.SequenceEqual("question-bin"u8))
                {
                    view.Attachments.Length.ShouldBe(1);
                    _ = client!.Connection.AckAsync(view, "{\"_placeholder\":true,\"num\":0}"u8, [new byte[] { 5, 4 }]);
                }
            }
        });
        await using (client)
        {
            await client.Connection.EmitAsync("ask-me");
            var text = await client.NextEventAsync("answer-was");
            text.Arg(0).GetString().ShouldBe("answer");

            await client.Connection.EmitAsync("ask-me", "\"binary\""u8);
            var binary = await client.NextEventAsync("answer-was");
            binary.Arg(1).GetString().ShouldBe("buffer");
            binary.Attachments[0].ShouldBe(new byte[] { 5, 4 });
        }
    }

    [Fact]
    public async Task Connects_only_admin_with_auth()
    {
        await using var client = await InteropClient.ConnectAsync(Server, o =>
        {
            o.Namespaces.Clear();
            o.Namespaces.Add(new SocketIONamespace("/admin", "{\"token\":\"abc\"}"u8.ToArray()));
        });
        client.Connection.IsNamespaceConnected("/admin").ShouldBeTrue();
        client.Connection.IsNamespaceConnected("/").ShouldBeFalse();
        var hello = await client.NextEventAsync("admin-hello");
        hello.Namespace.ShouldBe("/admin");
        hello.Arg(0).GetProperty("token").GetString().ShouldBe("abc");

        var ack = await client.Connection.EmitWithAckAsync("ack-me", "\"q\""u8, @namespace: "/admin");
        ack.Namespace.ShouldBe("/admin");
        Json(ack.Payload)[0].GetString().ShouldBe("admin:q");
    }

    [Fact]
    public async Task Refused_namespaces_raise_typed_connect_errors()
    {
        await using var client = await InteropClient.ConnectAsync(Server);
        var invalid = await Should.ThrowAsync<SocketIOConnectException>(client.Connection.ConnectNamespaceAsync("/nope"));
        invalid.ServerMessage.ShouldBe("Invalid namespace");
        invalid.DataJson.IsEmpty.ShouldBeTrue();

        var refused = await Should.ThrowAsync<SocketIOConnectException>(client.Connection.ConnectNamespaceAsync("/private"));
        refused.ServerMessage.ShouldBe("Not authorized");
        Json(refused.DataJson).GetProperty("code").GetInt32().ShouldBe(401);

        // The connection and the main namespace are unaffected.
        var ack = await client.Connection.EmitWithAckAsync("ack-me", "\"still\""u8);
        Json(ack.Payload)[0].GetString().ShouldBe("ack:still");
    }

    [Fact]
    public async Task Sends_custom_headers_and_query()
    {
        await using var client = await InteropClient.ConnectAsync(Server, o =>
        {
            o.Headers.Add(new("Origin", "https://pocketoption.com"));
            o.Headers.Add(new("User-Agent", "Protocol-Interop/1.0"));
            o.Query.Add(new("room", "a b"));
        });
        var ack = await client.Connection.EmitWithAckAsync("headers");
        var seen = Json(ack.Payload)[0];
        seen.GetProperty("origin").GetString().ShouldBe("https://pocketoption.com");
        seen.GetProperty("userAgent").GetString().ShouldBe("Protocol-Interop/1.0");
        seen.GetProperty("query").GetProperty("room").GetString().ShouldBe("a b");
        seen.GetProperty("query").GetProperty("EIO").GetString().ShouldBe("4");
    }

    [Fact]
    public async Task Receives_a_flood_of_100000_events_in_order()
    {
        const int Count = 100_000;
        var received = 0;
        var outOfOrder = 0;
        var done = new TaskCompletionSource();
        await using var client = await InteropClient.ConnectAsync(Server, extra: view =>
        {
            if (view.Kind != MessageKind.Event)
            {
                return;
            }

            if (view.Name.SequenceEqual("tick"u8))
            {
                view.TryGetArgumentReader(0, out var reader).ShouldBeTrue();
                if (reader.GetInt32() != received)
                {
                    outOfOrder++;
                }

                received++;
            }
            else if (view.Name.SequenceEqual("flood-done"u8))
            {
                done.TrySetResult();
            }
        });
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await client.Connection.EmitAsync("flood", "100000,16"u8);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        Console.WriteLine($"flood: {Count} events in {elapsed.TotalMilliseconds:0} ms ({Count / elapsed.TotalSeconds:0} msg/s)");
        received.ShouldBe(Count);
        outOfOrder.ShouldBe(0);
    }

    [Fact]
    public async Task Server_kick_of_the_last_namespace_reports_it_and_closes_the_session()
    {
        // socket.disconnect(false) sends 41 and keeps the Engine.IO session; like the reference client, ours closes it
        // once no namespace is left, and says which namespace the server disconnected.
        await using var client = await InteropClient.ConnectAsync(Server);
        var left = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Connection.NamespaceDisconnected += name => left.TrySetResult(name);
        await client.Connection.EmitAsync("kick", "false"u8);
        (await left.Task.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe("/");
        client.Connection.IsNamespaceConnected("/").ShouldBeFalse();
        var info = await client.Connection.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        info.Reason.ShouldBe(SocketIODisconnectReason.ServerDisconnect);
        info.Description.ShouldContain("namespace '/'");
        await Should.ThrowAsync<SocketIONamespaceDisconnectedException>(() => client.Connection.EmitAsync("after-kick"));
        client.Connection.ReadLoop.IsCompleted.ShouldBeTrue();
    }
}
