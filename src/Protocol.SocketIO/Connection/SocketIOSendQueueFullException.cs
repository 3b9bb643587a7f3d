namespace Protocol.SocketIO;

/// <summary>
/// A send waited for room in a full send queue longer than <see cref="SocketIOOptions.SendQueueTimeout"/>: the server
/// (or the network) is not taking frames as fast as they are sent. Nothing of this send was written.
/// </summary>
public sealed class SocketIOSendQueueFullException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">What was being sent, for the message.</param>
    /// <param name="capacity">The queue's capacity (<see cref="SocketIOOptions.MaxQueuedSends"/>).</param>
    /// <param name="waited">How long it waited.</param>
    public SocketIOSendQueueFullException(string operation, int capacity, TimeSpan waited)
        : base($"{operation} failed: the send queue stayed full ({capacity} sends queued or on the wire) for {waited.TotalMilliseconds:0} ms, so nothing was sent. " +
               "The server is not reading fast enough: send less often, or raise SocketIOOptions.MaxQueuedSends / SendQueueTimeout.")
    {
        Capacity = capacity;
    }

    /// <summary>The queue's capacity.</summary>
    public int Capacity { get; }
}
