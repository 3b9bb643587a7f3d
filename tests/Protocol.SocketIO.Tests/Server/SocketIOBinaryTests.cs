using Protocol.Tests.Placeholders;
using System.Text.Json;
using Protocol.Server.SocketIO;

namespace Protocol.SocketIO.Tests.Server;

/// <summary>
/// The server reads a client's binary argument by the client side's placeholder rule (socket.io-parser's): the same
/// cases as SocketIOViewMapperTests.A_whole_argument_placeholder_is_its_attachment_by_socket_io_parsers_rule.
/// </summary>
public sealed class SocketIOBinaryTests
{
    private static readonly ReadOnlyMemory<byte>[] Attachments = [new byte[] { 7, 8 }];

    [Theory]
    [MemberData(nameof(PlaceholderCases.PeerChecked), MemberType = typeof(PlaceholderCases))]
    [InlineData("""{"_placeholder":true,"num":0,"num":5}""", false)]
    [InlineData("""{"_placeholder":true,"num":-1}""", false)]
    [InlineData("""{"_placeholder":true}""", false)]
    [InlineData("""{"_placeholder":true,"num":"0"}""", false)] // the peer's data: never an exception
    [InlineData("""{"_placeholder":true,"num":null}""", false)]
    [InlineData("""{"\ud800":1,"_placeholder":true,"num":0}""", true)] // issue #8: a lone surrogate in a key is just a key
    [InlineData("""[{"_placeholder":true,"num":0}]""", false)]
    public void A_placeholder_argument_is_its_attachment_by_the_client_side_rule(string argument, bool isPlaceholder)
    {
        using var document = JsonDocument.Parse(argument);

        var found = SocketIOBinary.TryGet(document.RootElement, Attachments, out var bytes);

        found.ShouldBe(isPlaceholder);
        bytes.ToArray().ShouldBe(isPlaceholder ? [7, 8] : []);
    }

    [Fact]
    public void A_placeholder_nested_in_an_argument_is_read_where_it_stands()
    {
        using var document = JsonDocument.Parse("""{"meta":1,"file":{"num":0,"note":"x","_placeholder":true}}""");

        SocketIOBinary.TryGet(document.RootElement.GetProperty("file"), Attachments, out var bytes).ShouldBeTrue();

        bytes.ToArray().ShouldBe([7, 8]);
        SocketIOBinary.TryGet(document.RootElement, Attachments, out _).ShouldBeFalse("the outer object is not a placeholder");
    }

    [Fact]
    public void A_placeholder_of_an_attachment_the_message_does_not_have_is_not_read()
    {
        using var document = JsonDocument.Parse(SocketIOBinary.Placeholder(1));

        SocketIOBinary.TryGet(document.RootElement, Attachments, out var bytes).ShouldBeFalse();

        bytes.IsEmpty.ShouldBeTrue();
    }
}
