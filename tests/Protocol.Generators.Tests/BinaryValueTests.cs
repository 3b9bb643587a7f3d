using System.Text;
using Protocol.Generators.Tests.Fixtures;
using Protocol.Generators.Tests.Infrastructure;
using Protocol.Infrastructure;
using Protocol.SocketIO;
using Protocol.Testing;
using Protocol.Testing.Clients;
using Protocol.Testing.Connections;
using Protocol.Testing.Envelopes;
using Protocol.Testing.Time;

namespace Protocol.Generators.Tests;

/// <summary>
/// Messages declared Layout = Value whose value is byte[] or ReadOnlyMemory&lt;byte&gt; (Fixtures/BinaryValueFixtures.cs): the whole
/// argument is one attachment, <c>451-["chunk",{"_placeholder":true,"num":0}]</c>, and those bytes are the value, never parsed as JSON.
/// </summary>
public sealed class BinaryValueTests
{
    private const string ChunkHeader = """451-["chunk",{"_placeholder":true,"num":0}]""";

    // Not JSON, and not UTF-8: an opening brace, a quote, a NUL and 0xFF.
    private static readonly byte[] NotJson = [(byte)'{', (byte)'"', 0, 0xFF, 7];

    private static MessageView Map(string name, string frame, params ReadOnlyMemory<byte>[] attachments)
    {
        var payload = Encoding.UTF8.GetBytes(frame[frame.IndexOf('[', StringComparison.Ordinal)..]);
        return new SocketIOViewMapper().MapFields(MessageKind.Event, payload, Encoding.UTF8.GetBytes(name), payload, attachments, "/"u8, null);
    }

    [Fact]
    public void A_bare_binary_argument_reads_as_the_attachment_bytes_copied_out()
    {
        ReadOnlyMemory<byte>[] attachments = [NotJson.ToArray()];
        var view = Map("chunk", ChunkHeader, attachments);

        Chunk.Matches(view).ShouldBeTrue();
        Chunk.TryRead(view, out var chunk).ShouldBeTrue();
        chunk.Data.ShouldBe(NotJson);

        // Copied out: the transport reuses its buffers once the read is over.
        attachments[0].Span.Overlaps(chunk.Data).ShouldBeFalse();
    }

    [Fact]
    public void An_attachment_that_happens_to_be_JSON_is_still_taken_as_bytes()
    {
        // "AQID" in quotes is base64 JSON for [1,2,3]; as an attachment it is the six bytes themselves.
        var quoted = Encoding.UTF8.GetBytes("\"AQID\"");
        Chunk.TryRead(Map("chunk", ChunkHeader, quoted), out var chunk).ShouldBeTrue();
        chunk.Data.ShouldBe(quoted);

        MemoryFrame.TryRead(Map("frame", """451-["frame",{"_placeholder":true,"num":0}]""", quoted), out var frame).ShouldBeTrue();
        frame.Bytes!.Value.ToArray().ShouldBe(quoted);
    }

    [Fact]
    public void An_empty_attachment_reads_as_no_bytes()
    {
        Chunk.TryRead(Map("chunk", ChunkHeader, Array.Empty<byte>()), out var chunk).ShouldBeTrue();
        chunk.Data.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""["chunk",{"_placeholder":true,"num":1}]""")] // no attachment 1
    [InlineData("""["chunk",{"_placeholder":false,"num":0}]""")]
    [InlineData("""["chunk",{"_placeholder":true,"num":-1}]""")]
    [InlineData("""["chunk"]""")]
    [InlineData("""["chunk",42]""")]
    public void A_placeholder_naming_no_attachment_a_malformed_one_or_a_missing_value_is_refused(string frame)
    {
        Chunk.TryRead(Map("chunk", frame, new byte[] { 1 }), out _).ShouldBeFalse();
    }

    [Fact]
    public void Without_attachments_the_value_is_base64_or_byte_numbers_and_a_nullable_one_may_be_null()
    {
        MessageRoundTripTests.Frame(new Chunk { Data = [1, 2, 3] }).ShouldBe("""42["chunk","AQID"]""");
        Chunk.TryRead(DeclarationTests.Event("chunk", """["chunk","AQID"]"""), out var chunk).ShouldBeTrue();
        chunk.Data.ShouldBe([1, 2, 3]);
        Chunk.TryRead(DeclarationTests.Event("chunk", """["chunk",[4,5]]"""), out chunk).ShouldBeTrue();
        chunk.Data.ShouldBe([4, 5]);

        MessageRoundTripTests.Frame(new MemoryFrame()).ShouldBe("""42["frame",null]""");
        MemoryFrame.TryRead(DeclarationTests.Event("frame", """["frame",null]"""), out var frame).ShouldBeTrue();
        frame.Bytes.ShouldBeNull();
    }

    [Fact]
    public void A_binary_value_at_a_position_of_an_array_argument_reads_its_attachment()
    {
        IndexedPart.TryRead(Map("part", """451-["part",[3,{"_placeholder":true,"num":0}]]""", NotJson.ToArray()), out var part).ShouldBeTrue();
        part.Index.ShouldBe(3);
        part.Data.ShouldBe(NotJson);
    }

    [Fact]
    public void Only_declared_binary_values_take_the_two_step_path()
    {
        typeof(IBinaryOutgoingMessage).IsAssignableFrom(typeof(Chunk)).ShouldBeTrue();
        typeof(IBinaryOutgoingMessage).IsAssignableFrom(typeof(MemoryFrame)).ShouldBeTrue();
        typeof(IBinaryOutgoingMessage).IsAssignableFrom(typeof(IndexedPart)).ShouldBeTrue();
    }

    [Fact]
    public async Task Sent_by_the_client_read_back_through_the_real_codec_a_chunk_reaches_the_handler_with_the_same_bytes()
    {
        var state = new ChunkState();
        var (client, connection) = await ReadyClient.StartAsync(state, b => b.AddChunkModule());
        await using var owned = client;

        var large = new byte[70_000];
        new Random(3).NextBytes(large);
        foreach (var bytes in new[] { NotJson, large, [] })
        {
            await client.SendAsync(new Chunk { Data = bytes }).AsTask().WithSafetyNet();
            var sent = await connection.NextSentAsync();
            sent.Text.ShouldBe(ChunkHeader);
            sent.Attachments.Single().ShouldBe(bytes);

            // The server echoes it as it came: the header, then the attachment in a binary frame, decoded and reassembled by the
            // Socket.IO codec and mapped as the real connection maps it.
            connection.PushText(sent.Text);
            connection.PushBinary(sent.Attachments[0]);
            var received = await state.Received.Reader.ReadAsync().AsTask().WithSafetyNet();
            received.Data.ShouldBe(bytes);
        }

        // A one-step chunk (base64) reaches the same handler.
        connection.PushText("""42["chunk","AQID"]""");
        (await state.Received.Reader.ReadAsync().AsTask().WithSafetyNet()).Data.ShouldBe([1, 2, 3]);
    }

    [Fact]
    public async Task A_binary_array_position_goes_two_step_through_the_client()
    {
        var (client, connection) = await ReadyClient.StartAsync(new SessionState());
        await using var owned = client;

        await client.SendAsync(new IndexedPart { Index = 3, Data = NotJson }).AsTask().WithSafetyNet();
        var sent = await connection.NextSentAsync();
        sent.Text.ShouldBe("""451-["part",[3,{"_placeholder":true,"num":0}]]""");
        sent.Attachments.Single().ShouldBe(NotJson);
    }
}
