using System.Text;

namespace Protocol.SocketIO.Tests;

public sealed class MessageSizeBoundTests
{
    private static readonly byte[] TenAttachmentHeader = Encoding.UTF8.GetBytes(
        "510-[\"big\"" + string.Concat(Enumerable.Range(0, 10).Select(i => $",{{\"_placeholder\":true,\"num\":{i}}}")) + "]");

    [Fact]
    public void A_whole_message_over_the_limit_is_refused_before_it_is_buffered()
    {
        // A header announcing 10 attachments then large ones: the reassembly buffer used to grow with whatever came.
        using var assembler = new SocketIOMessageAssembler(new SocketIOCodecOptions { MaxPayloadBytes = 16 * 1024 * 1024, MaxMessageBytes = 1_000_000 });
        var attachment = new byte[300_000];
        assembler.ReceiveText(TenAttachmentHeader, out _).ShouldBeFalse();
        for (var i = 0; i < 3; i++)
        {
            assembler.ReceiveBinary(attachment, out _).ShouldBeFalse();
        }

        var ex = Should.Throw<SocketIOProtocolException>(() => assembler.ReceiveBinary(attachment, out _));
        ex.Error.ShouldBe(SocketIOProtocolError.MessageTooLarge);
        ex.Message.ShouldContain("1000000 bytes");
        ex.Message.ShouldContain("MaxInboundMessageBytes");
        assembler.BufferCapacity.ShouldBeLessThanOrEqualTo(1 << 20, "the buffer is bounded by the message limit, not by doubling past it");
        assembler.IsAwaitingAttachments.ShouldBeFalse("the half-built message is dropped");
    }

    [Fact]
    public void A_header_alone_over_the_limit_is_refused()
    {
        using var assembler = new SocketIOMessageAssembler(new SocketIOCodecOptions { MaxMessageBytes = 64 });
        var header = Encoding.UTF8.GetBytes("51-[\"ev\",\"" + new string('x', 100) + "\",{\"_placeholder\":true,\"num\":0}]");
        Should.Throw<SocketIOProtocolException>(() => assembler.ReceiveText(header, out _)).Error.ShouldBe(SocketIOProtocolError.MessageTooLarge);
    }

    [Fact]
    public void A_message_exactly_at_the_limit_is_accepted()
    {
        var header = Encoding.UTF8.GetBytes("51-[\"ev\",{\"_placeholder\":true,\"num\":0}]");
        using var assembler = new SocketIOMessageAssembler(new SocketIOCodecOptions { MaxMessageBytes = header.Length + 100 });
        assembler.ReceiveText(header, out _).ShouldBeFalse();
        assembler.ReceiveBinary(new byte[100], out var message).ShouldBeTrue();
        message.GetAttachment(0).Length.ShouldBe(100);
    }

    [Fact]
    public void The_next_frame_budget_is_what_is_left_of_the_whole_message_bound()
    {
        var header = Encoding.UTF8.GetBytes("52-[\"ev\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        using var assembler = new SocketIOMessageAssembler(new SocketIOCodecOptions { MaxPayloadBytes = 100_000, MaxMessageBytes = 10_000 });
        assembler.NextFrameBudget.ShouldBe(10_000, "no header waits: a whole message may come");

        assembler.ReceiveText(header, out _).ShouldBeFalse();
        assembler.NextFrameBudget.ShouldBe(10_000 - header.Length);
        assembler.ReceiveBinary(new byte[4_000], out _).ShouldBeFalse();
        assembler.NextFrameBudget.ShouldBe(10_000 - header.Length - 4_000);
        assembler.ReceiveBinary(new byte[10_000 - header.Length - 4_000], out _).ShouldBeTrue("exactly at the bound is accepted");
        assembler.NextFrameBudget.ShouldBe(10_000);
    }

    [Fact]
    public void An_attachment_in_several_segments_is_copied_once_at_its_exact_length()
    {
        var pool = new Protocol.Testing.Buffers.CountingArrayPool();
        var header = Encoding.UTF8.GetBytes("51-[\"ev\",{\"_placeholder\":true,\"num\":0}]");
        using (var assembler = new SocketIOMessageAssembler(bufferPool: pool))
        {
            var first = new Segment(new byte[] { 1, 2, 3 });
            var last = first.Append(new byte[] { 4, 5 });
            assembler.ReceiveText(header, out _).ShouldBeFalse();

            assembler.ReceiveBinary(new System.Buffers.ReadOnlySequence<byte>(first, 0, last, 2), out var message).ShouldBeTrue();

            message.GetAttachment(0).ToArray().ShouldBe(new byte[] { 1, 2, 3, 4, 5 });
            pool.LargestRented.ShouldBe(header.Length);
            pool.Outstanding.ShouldBe(2, "the header and the attachment, until the next message");
        }

        pool.Outstanding.ShouldBe(0);
        pool.BadReturns.ShouldBe(0);
    }

    [Fact]
    public void A_stream_of_small_two_step_messages_reuses_its_buffers_and_returns_them_all_on_dispose()
    {
        var pool = new Protocol.Testing.Buffers.CountingArrayPool();
        var header = Encoding.UTF8.GetBytes("51-[\"tick\",{\"_placeholder\":true,\"num\":0}]");
        using (var assembler = new SocketIOMessageAssembler(bufferPool: pool))
        {
            for (var i = 0; i < 100; i++)
            {
                assembler.ReceiveText(header, out _).ShouldBeFalse();
                var attachment = new byte[] { (byte)i, 2, 3 };
                assembler.ReceiveBinary(attachment, out var message).ShouldBeTrue();
                message.GetAttachment(0).ToArray().ShouldBe(attachment, "a reused buffer holds this message's bytes, at this message's length");
            }

            pool.Rented.ShouldBe(2, "one header buffer and one attachment buffer for the whole stream");

            // A big attachment is not kept: it goes back to the pool with the next message.
            assembler.ReceiveText(header, out _).ShouldBeFalse();
            assembler.ReceiveBinary(new byte[64 * 1024], out _).ShouldBeTrue();
            assembler.ReceiveText(Encoding.UTF8.GetBytes("2[\"x\"]"), out _).ShouldBeTrue();
            pool.Outstanding.ShouldBe(1, "the header's buffer only: the small spare went back when the big one replaced it, the big one after its message");
        }

        pool.Outstanding.ShouldBe(0);
        pool.BadReturns.ShouldBe(0);
    }

    private sealed class Segment : System.Buffers.ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }

    [Fact]
    public void The_limit_must_be_positive()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new SocketIOCodecOptions { MaxMessageBytes = 0 }).ParamName.ShouldBe("MaxMessageBytes");
    }
}
