using System.Text;
using CsCheck;
using Protocol.Tests.Properties;

namespace Protocol.SocketIO.Tests.Properties;

/// <summary>
/// The open-packet parser on arbitrary JSON objects (known keys with any value, odd numbers, escaped keys, lone
/// surrogates), on mutations of real open packets and on arbitrary bytes: it returns a handshake the connection can
/// run on (a timer can wait pingInterval + pingTimeout) or throws <see cref="SocketIOHandshakeException"/>, nothing else.
/// </summary>
public sealed class HandshakeProperties
{
    private const int Iterations = 30_000;

    // The longest due time System.Threading.Timer accepts (0xFFFFFFFE ms); the watchdog arms pingInterval + pingTimeout.
    private const double LongestTimerMilliseconds = 4294967294;

    private static readonly Gen<string> Key = Gen.Frequency(
        (4, Gen.OneOf("\"sid\"", "\"upgrades\"", "\"pingInterval\"", "\"pingTimeout\"", "\"maxPayload\"")),
        (1, Gen.OneOf("\"s\\u0069d\"", "\"ping\\u0049nterval\"", "\"\\ud800\"", "\"sid\\udc00\"")),
        (1, JsonGen.Key));

    private static readonly Gen<string> Value = Gen.Frequency(
        (3, Gen.OneOf(
            "0", "-1", "1", "25000", "2147483647", "2147483648", "4294967295", "9007199254740992", "9223372036854775807",
            "1e300", "25000.0", "1.5", "-0", "\"25000\"", "\"2147483648\"", "\"99999999999999999999\"", "\"\\u0032\"", "\"\"",
            "\"abc\"", "\"\\ud800\"", "[]", "[\"websocket\"]", "[\"websocket\",\"\\udc00\"]", "[1,{},\"polling\"]", "null", "{}")),
        (2, JsonGen.Value));

    private static readonly Gen<byte[]> OpenPacketJson = Gen.Select(Key, Value).Array[0, 7]
        .Select(members => Encoding.UTF8.GetBytes("{" + string.Join(",", members.Select(m => m.Item1 + ":" + m.Item2)) + "}"));

    private static readonly byte[][] RealOpenPackets =
    [
        .. new[]
        {
            "{\"sid\":\"veHXeuorp-NUNjXYAAAA\",\"upgrades\":[],\"pingInterval\":700,\"pingTimeout\":500,\"maxPayload\":1000000}",
            "{\"sid\":\"x\",\"upgrades\":[\"websocket\"],\"pingInterval\":\"25000\",\"pingTimeout\":\"20000\",\"maxPayload\":\"1000000\"}",
        }.Select(Encoding.UTF8.GetBytes),
    ];

    [Fact]
    public void Open_packets_parse_to_a_usable_handshake_or_a_handshake_exception() =>
        Property.ForAll(
            Gen.Frequency((4, OpenPacketJson), (2, ByteGen.Mutated(RealOpenPackets)), (1, ByteGen.Arbitrary)),
            "0000006k2m4r",
            Iterations,
            json =>
            {
                EngineHandshake handshake;
                try
                {
                    handshake = EngineHandshake.Parse(json);
                }
                catch (SocketIOHandshakeException refused)
                {
                    refused.Message.ShouldNotBeNullOrWhiteSpace();
                    return;
                }

                handshake.Sid.ShouldNotBeNullOrEmpty();
                handshake.Upgrades.ShouldNotBeNull();
                handshake.PingInterval.ShouldBeGreaterThan(TimeSpan.Zero);
                handshake.PingTimeout.ShouldBeGreaterThan(TimeSpan.Zero);
                handshake.PingInterval.TotalMilliseconds.ShouldBeLessThanOrEqualTo(EngineHandshake.MaxTimingMilliseconds);
                handshake.PingTimeout.TotalMilliseconds.ShouldBeLessThanOrEqualTo(EngineHandshake.MaxTimingMilliseconds);
                (handshake.PingInterval + handshake.PingTimeout).TotalMilliseconds.ShouldBeLessThanOrEqualTo(LongestTimerMilliseconds);
                handshake.MaxPayload.ShouldBeGreaterThanOrEqualTo(1);
            },
            ByteGen.Print);
}
