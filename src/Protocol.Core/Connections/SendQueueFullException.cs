namespace Protocol;

/// <summary>
/// A send waited for room in the connection's full send queue longer than its timeout (for the JSON-action connection
/// <see cref="JsonActions.JsonWebSocketOptions.SendQueueTimeout"/>): the server, or the network, is not taking frames as
/// fast as they are sent. Nothing of this send was written, so it is safe to decide whether to send it again.
/// </summary>
public sealed class SendQueueFullException : ProtocolException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">What was being sent, for the message.</param>
    /// <param name="capacity">The queue's capacity.</param>
    /// <param name="waited">How long it waited.</param>
    public SendQueueFullException(string operation, int capacity, TimeSpan waited)
        : base($"{operation} failed: the send queue stayed full ({capacity} sends queued or on the wire) for {waited.TotalMilliseconds:0} ms, so nothing was sent. " +
               "The server is not reading fast enough: send less often, or raise MaxQueuedSends / SendQueueTimeout in the connection's options.")
    {
        Capacity = capacity;
        Waited = waited;
    }

    /// <summary>The queue's capacity.</summary>
    public int Capacity { get; }

    /// <summary>How long the send waited for room.</summary>
    public TimeSpan Waited { get; }
}
