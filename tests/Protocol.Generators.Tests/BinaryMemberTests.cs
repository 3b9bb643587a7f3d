using Protocol.Tests.Placeholders;
using System.Buffers;
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
/// byte[] and ReadOnlyMemory&lt;byte&gt; members (Fixtures/BinaryFixtures.cs): inside a two-step message they are attachments
/// referenced by placeholders at any depth of the argument; sent through the runtime, the message goes two-step.
/// </summary>
public sealed class BinaryMemberTests
{
    private const string Header = """453-["upload",{"file":{"_placeholder":true,"num":0},"name":"a","parts":[{"data":{"_placeholder":true,"num":1},"checksum":{"_placeholder":true,"num":2}}]}]""";

    [Fact]
    public void Members_nested_in_an_argument_read_the_attachments_their_placeholders_point_to()
    {
        var mapper = new SocketIOViewMapper();
        var payload = Encoding.UTF8.GetBytes(Header[Header.IndexOf('[', StringComparison.Ordinal)..]);
        ReadOnlyMemory<byte>[] attachments = [new byte[] { 1, 2, 3 }, new byte[] { 9 }, new byte[] { 0xFF, 0 }];
        var view = mapper.MapFields(MessageKind.Event, payload, "upload"u8, payload, attachments, default, null);

        Upload.Matches(view).ShouldBeTrue();
        Upload.TryRead(view, out var upload).ShouldBeTrue();
        upload.Name.ShouldBe("a");
        upload.File.ShouldBe([1, 2, 3]);
        upload.Parts.Single().Data.ToArray().ShouldBe([9]);
        upload.Parts.Single().Checksum.ShouldBe([0xFF, 0]);

        // Copied out: the transport reuses its buffers once the read is over.
        attachments[0].Span.ToArray().AsSpan().Overlaps(upload.File).ShouldBeFalse();
    }

    [Theory]
    [InlineData("""451-["upload",{"file":{"_placeholder":true,"num":1},"name":"a"}]""")] // no attachment 1
    [InlineData("""451-["upload",{"file":{"_placeholder":false,"num":0},"name":"a"}]""")]
    [InlineData("""451-["upload",{"file":{"_placeholder":true,"num":"0"},"name":"a"}]""")]
    public void A_reference_to_no_attachment_or_a_malformed_one_is_refused_without_throwing(string frame)
    {
        var payload = Encoding.UTF8.GetBytes(frame[frame.IndexOf('[', StringComparison.Ordinal)..]);
        ReadOnlyMemory<byte>[] attachments = [new byte[] { 1 }];
        var view = new SocketIOViewMapper().MapFields(MessageKind.Event, payload, "upload"u8, payload, attachments, default, null);
        Upload.TryRead(view, out _).ShouldBeFalse();
    }

    // One rule for a placeholder, nested or a whole argument: socket.io-parser's reconstructPacket takes any object whose
    // _placeholder is true, whatever else it holds, and the last of a repeated key wins (SocketIOViewMapperTests has the
    // whole-argument side of the same cases).
    [Theory]
    [MemberData(nameof(PlaceholderCases.PeerChecked), MemberType = typeof(PlaceholderCases))]
    public void A_nested_placeholder_follows_the_same_rule_as_a_whole_argument_one(string placeholder, bool isPlaceholder)
    {
        ReadOnlyMemory<byte>[] attachments = [new byte[] { 7, 8 }];
        var mapper = new SocketIOViewMapper();
        var nested = Encoding.UTF8.GetBytes($$"""["upload",{"file":{{placeholder}},"name":"a"}]""");
        var whole = Encoding.UTF8.GetBytes($"""["upload",{placeholder}]""");

        var read = Upload.TryRead(mapper.MapFields(MessageKind.Event, nested, "upload"u8, nested, attachments, default, null), out var upload);
        var asArgument = mapper.MapFields(MessageKind.Event, whole, "upload"u8, whole, attachments, default, null).TryGetArgumentAttachment(0, out _);

        (read, asArgument).ShouldBe((isPlaceholder, isPlaceholder));
        if (isPlaceholder)
        {
            upload!.File.ShouldBe([7, 8]);
        }
    }

    [Fact]
    public void Outside_a_two_step_message_binary_is_base64_and_an_array_of_numbers_reads_too()
    {
        var upload = new Upload { File = [1, 2, 3], Name = "a", Parts = [new UploadPart { Data = new byte[] { 9 } }] };
        MessageRoundTripTests.Frame(upload).ShouldBe("""42["upload",{"file":"AQID","name":"a","parts":[{"data":"CQ=="}]}]""");

        Upload.TryRead(DeclarationTests.Event("upload", """["upload",{"file":[1,2,3],"name":"b"}]"""), out var read).ShouldBeTrue();
        read.File.ShouldBe([1, 2, 3]);
        Upload.TryRead(DeclarationTests.Event("upload", """["upload",{"file":"AQID","name":"b"}]"""), out read).ShouldBeTrue();
        read.File.ShouldBe([1, 2, 3]);
        Upload.TryRead(DeclarationTests.Event("upload", """["upload",{"file":[1,256],"name":"b"}]"""), out _).ShouldBeFalse();
    }

    [Fact]
    public void Only_messages_with_binary_members_take_the_two_step_path()
    {
        typeof(IBinaryOutgoingMessage).IsAssignableFrom(typeof(Upload)).ShouldBeTrue();
        typeof(IBinaryOutgoingMessage).IsAssignableFrom(typeof(KeepAlive)).ShouldBeFalse();
        typeof(IBinaryOutgoingMessage).IsAssignableFrom(typeof(OpenOrder)).ShouldBeFalse();
    }

    [Fact]
    public async Task Sent_through_the_client_the_message_goes_two_step_with_its_binary_members_as_attachments()
    {
        var (client, connection) = await ReadyClient.StartAsync(new SessionState());
        await using var owned = client;

        var upload = new Upload
        {
            File = [1, 2, 3],
            Name = "a",
            Parts = [new UploadPart { Data = new byte[] { 9 }, Checksum = [0xFF, 0] }],
        };
        await client.SendAsync(upload).AsTask().WithSafetyNet();

        var sent = await connection.NextSentAsync();
        sent.Text.ShouldBe(Header);
        sent.Attachments.Select(a => a.ToArray()).ShouldBe([[1, 2, 3], [9], [0xFF, 0]]);

        // A message without binary members still goes one-step.
        await client.SendAsync(new KeepAlive()).AsTask().WithSafetyNet();
        var plain = await connection.NextSentAsync();
        (plain.Text, plain.Attachments.Count).ShouldBe(("""42["ps"]""", 0));
    }

    [Fact]
    public void Reading_with_attachments_restores_the_enclosing_scope()
    {
        ReadOnlyMemory<byte>[] outer = [new byte[] { 7 }];
        using (WireBinary.EnterRead(outer))
        {
            var payload = Encoding.UTF8.GetBytes("""["upload",{"file":{"_placeholder":true,"num":0},"name":"inner"}]""");
            ReadOnlyMemory<byte>[] inner = [new byte[] { 8 }];
            var view = new SocketIOViewMapper().MapFields(MessageKind.Event, payload, "upload"u8, payload, inner, default, null);
            Upload.TryRead(view, out var read).ShouldBeTrue();
            read.File.ShouldBe([8]);

            var reader = new System.Text.Json.Utf8JsonReader("""{"_placeholder":true,"num":0}"""u8);
            reader.Read();
            WireBinary.TryRead(ref reader, out var bytes).ShouldBeTrue();
            bytes.ShouldBe([7]);
        }
    }
}
