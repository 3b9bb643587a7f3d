using System.Buffers;
using System.Text;
using Protocol.SocketIO.Tests.Connection;

namespace Protocol.SocketIO.Tests;

/// <summary>
/// Issue #8: auth objects and event arguments carry session tokens, so an error about outgoing data says where and why,
/// never what: no byte of it appears in the message, in an inner exception, or in ToString. The secret here is made of
/// capital letters (Q, Z, W) that no message template contains, so any quoted byte of it is caught.
/// </summary>
public class OutgoingSecretTests
{
    private const string Secret = "QZW";

    public static TheoryData<string> MalformedJson => new()
    {
        $"{{\"token\":{Secret}}}",          // invalid start of a value
        $"{{\"token\":\"{Secret}\"}} {Secret}", // trailing data
        $"{{\"token\":\"{Secret}\"",        // truncated
        $"{{\"token\":t{Secret}}}",         // invalid literal
        $"{{\"token\":\"{Secret}\\{Secret}\"}}", // invalid escape
        $"{{\"token\":1{Secret}}}",         // invalid number
        $"{{{Secret}:1}}",                  // unquoted key
        $"{{\"token\":\"{Secret}\",}}",     // trailing comma
        $"{{\"token\":[{Secret}]}}",
    };

    [Theory]
    [MemberData(nameof(MalformedJson))]
    public void Malformed_auth_is_refused_without_quoting_it(string auth)
    {
        var encoder = new SocketIOPacketEncoder();
        var ex = Should.Throw<SocketIOEncodingException>(() => encoder.WriteConnect(new ArrayBufferWriter<byte>(), "/admin"u8, Encoding.UTF8.GetBytes(auth)));
        ex.Error.ShouldBe(SocketIOProtocolError.InvalidPayload);
        ShouldNotLeak(ex);
        ex.Message.ShouldContain("byte"); // the position is what it may say
    }

    [Theory]
    [MemberData(nameof(MalformedJson))]
    public void Malformed_arguments_are_refused_without_quoting_them(string arguments)
    {
        var encoder = new SocketIOPacketEncoder();
        var output = new ArrayBufferWriter<byte>();
        ShouldNotLeak(Should.Throw<SocketIOEncodingException>(() => encoder.WriteEvent(output, default, "login"u8, 1, Encoding.UTF8.GetBytes(arguments))));
        ShouldNotLeak(Should.Throw<SocketIOEncodingException>(() => encoder.WriteAck(output, default, 1, Encoding.UTF8.GetBytes(arguments))));
        ShouldNotLeak(Should.Throw<SocketIOEncodingException>(() => encoder.WriteBinaryEvent(output, default, "login"u8, null, 1, Encoding.UTF8.GetBytes(arguments))));
    }

    [Theory]
    [InlineData("{\"_placeholder\":true,\"num\":987654}")]
    [InlineData("{\"_placeholder\":true,\"num\":\"QZW\"}")]
    public void Bad_placeholders_are_refused_without_quoting_them(string arguments)
    {
        var encoder = new SocketIOPacketEncoder();
        var ex = Should.Throw<SocketIOEncodingException>(() => encoder.WriteBinaryEvent(new ArrayBufferWriter<byte>(), default, "a"u8, null, 1, Encoding.UTF8.GetBytes(arguments)));
        ShouldNotLeak(ex);
        ex.Message.ShouldNotContain("987654");
    }

    [Fact]
    public async Task Connection_errors_about_malformed_auth_and_arguments_do_not_quote_them()
    {
        await using var h = new ConnectionHarness(configure: o =>
        {
            o.Namespaces.Clear();
            o.Namespaces.Add(new SocketIONamespace("/admin", Encoding.UTF8.GetBytes($"{{\"token\":{Secret}}}")));
        });
        h.Transport.PushText(ConnectionHarness.OpenPacket);
        ShouldNotLeak(await Should.ThrowAsync<SocketIOEncodingException>(() => h.Connection.ConnectAsync()));

        await using var open = new ConnectionHarness();
        await open.OpenAsync();
        ShouldNotLeak(Should.Throw<SocketIOEncodingException>(() => open.Connection.EmitAsync("login", Encoding.UTF8.GetBytes($"{{\"token\":{Secret}}}"))));
        ShouldNotLeak(Should.Throw<SocketIOEncodingException>(() => open.Connection.AckAsync("/", 3, Encoding.UTF8.GetBytes($"\"{Secret}\" {Secret}"))));
    }

    private static void ShouldNotLeak(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            foreach (char c in Secret)
            {
                e.Message.ShouldNotContain(c.ToString(), Case.Sensitive, $"{e.GetType().Name} quotes outgoing data: {e.Message}");
            }
        }

        ex.InnerException.ShouldBeNull("an inner JsonException would carry the reader's message, which quotes the data");
    }
}
