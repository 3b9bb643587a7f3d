using System.Text;
using Protocol.SocketIO.Tests.Transport;
using Protocol.SocketIO.Transport;

namespace Protocol.SocketIO.Tests.Connection;

public sealed class SendQueueTests
{
    [Fact]
    public async Task Concurrent_binary_emits_keep_header_and_attachments_together_with_unique_ack_ids()
    {
        await using var h = new ConnectionHarness(configure: o => o.AckTimeout = TimeSpan.FromMinutes(10));
        h.Transport.YieldOnSend = true;
        await h.OpenAsync();

        const int Emitters = 8;
        const int PerEmitter = 50;
        var acks = new List<Task<SocketIOAck>>();
        var workers = Enumerable.Range(0, Emitters).Select(worker => Task.Run(() =>
        {
            var mine = new List<Task<SocketIOAck>>();
            for (var i = 0; i < PerEmitter; i++)
            {
                // The attachments carry the emitter and sequence, so a foreign frame between them shows up.
                var tag = (byte)worker;
                var seq = (byte)i;
                mine.Add(h.Connection.EmitWithAckAsync(
                    "upload",
                    Encoding.UTF8.GetBytes($"{worker},{i},{{\"_placeholder\":true,\"num\":0}},{{\"_placeholder\":true,\"num\":1}}"),
                    [new byte[] { tag, seq, 0 }, new byte[] { tag, seq, 1 }]));
            }

            return mine;
        })).ToArray();
        foreach (var worker in workers)
        {
            acks.AddRange(await worker.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        var frames = new List<SentFrame>();
        while (frames.Count(f => f.Kind == FrameKind.Binary) < Emitters * PerEmitter * 2)
        {
            frames.Add(await h.Transport.NextSentAsync());
        }

        h.Transport.OverlappingSendSeen.ShouldBeFalse();
        var ids = new HashSet<long>();
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].Kind == FrameKind.Text && frames[i].Text == "3")
            {
                continue;
            }

            frames[i].Kind.ShouldBe(FrameKind.Text);
            var text = frames[i].Text;
            text.ShouldStartWith("452-");
            var id = long.Parse(text.AsSpan(4, text.IndexOf('[') - 4));
            ids.Add(id).ShouldBeTrue($"ack id {id} was used twice");
            var args = text[(text.IndexOf("[\"upload\",", StringComparison.Ordinal) + 10)..].Split(',');
            var worker = byte.Parse(args[0]);
            var seq = byte.Parse(args[1]);
            frames[i + 1].Data.ShouldBe(new byte[] { worker, seq, 0 });
            frames[i + 2].Data.ShouldBe(new byte[] { worker, seq, 1 });
            i += 2;
        }

        ids.Count.ShouldBe(Emitters * PerEmitter);
        ids.Min().ShouldBe(0);
        ids.Max().ShouldBe(Emitters * PerEmitter - 1);

        // Every ack can be answered by its id.
        foreach (var id in ids)
        {
            h.Transport.PushText($"43{id}[{id}]");
        }

        var results = await Task.WhenAll(acks).WaitAsync(TimeSpan.FromSeconds(30));
        results.Select(r => r.AckId).Order().ShouldBe(ids.Order());
    }

    [Fact]
    public async Task Pongs_go_out_while_a_large_backlog_is_queued()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        h.Transport.YieldOnSend = true;
        var sends = Enumerable.Range(0, 200).Select(i => h.Connection.EmitAsync("bulk", Encoding.UTF8.GetBytes(i.ToString()))).ToList();
        h.Transport.PushText("2");
        await Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(30));
        while (h.Transport.SentLog.All(f => f.Text != "3"))
        {
            await h.Transport.NextSentAsync();
        }

        h.Transport.OverlappingSendSeen.ShouldBeFalse();
    }

    [Fact]
    public async Task Refuses_a_frame_over_the_servers_max_payload()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        var big = new byte[1_000_001];
        var ex = Should.Throw<ArgumentException>(() => h.Connection.EmitAsync("big", attachments: [big]));
        ex.Message.ShouldContain("maxPayload");
    }

    [Fact]
    public async Task A_failing_send_closes_the_connection_with_transport_error()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        h.Transport.Abort();
        await Should.ThrowAsync<Exception>(() => h.Connection.EmitAsync("x"));
        (await h.WaitClosedAsync()).Reason.ShouldBe(SocketIODisconnectReason.TransportError);
    }
}
