namespace Protocol.SocketIO;

/// <summary>The server did not acknowledge an emit within the timeout.</summary>
public sealed class SocketIOAckTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="eventName">The event whose ack never came.</param>
    /// <param name="namespace">The namespace it was emitted on.</param>
    /// <param name="ackId">The ack id it was sent with.</param>
    /// <param name="timeout">The timeout that elapsed.</param>
    public SocketIOAckTimeoutException(string eventName, string @namespace, long ackId, TimeSpan timeout)
        : base($"The server did not acknowledge event '{eventName}' (namespace '{@namespace}', ack id {ackId}) within {timeout.TotalMilliseconds:0} ms. Check that the server handler calls its callback, or raise the timeout.")
    {
        EventName = eventName;
        Namespace = @namespace;
        AckId = ackId;
        Timeout = timeout;
    }

    /// <summary>The event whose ack never came.</summary>
    public string EventName { get; }

    /// <summary>The namespace it was emitted on.</summary>
    public string Namespace { get; }

    /// <summary>The ack id it was sent with.</summary>
    public long AckId { get; }

    /// <summary>The timeout that elapsed.</summary>
    public TimeSpan Timeout { get; }
}
