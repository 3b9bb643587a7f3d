using System.Buffers;
using System.Net;

namespace Protocol.SocketIO.Transport;

/// <summary>What a transport needs to open a connection: request headers, cookies, the inbound bound and the receive pool.</summary>
public sealed class FrameTransportOptions
{
    /// <summary>Extra HTTP request headers for the upgrade request (for example <c>Origin</c> and <c>User-Agent</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Cookies to send with the upgrade request, if any.</summary>
    public CookieContainer? Cookies { get; init; }

    /// <summary>
    /// The largest inbound message accepted, in bytes; a bigger one fails the receive with
    /// <see cref="Protocol.InboundMessageTooLargeException"/> and aborts the transport, without being buffered whole.
    /// </summary>
    public int MaxInboundMessageBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Where the receive pipe's segments come from; a private pool of reused blocks per transport when null.</summary>
    public MemoryPool<byte>? ReceiveMemoryPool { get; init; }

    /// <summary>
    /// Called each time bytes of an inbound message arrive, before the message is whole: proof of life while a large message
    /// comes in slowly (the connection's heartbeat watchdog listens). Runs on the receive loop: keep it cheap.
    /// </summary>
    public Action? DataReceived { get; init; }
}
