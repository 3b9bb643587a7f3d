using System.ComponentModel;

namespace Protocol.Infrastructure;

/// <summary>Where a connection delivers what it receives. The runtime provides one per session.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IMessageSink
{
    /// <summary>
    /// Delivers one inbound message. The view is only valid during this call; the sink copies what it keeps.
    /// Never blocks: the runtime routes synchronously and hands owned copies to module inboxes.
    /// </summary>
    /// <param name="message">The decoded message, by reference: the view is large, and every inbound message crosses here.</param>
    void OnMessage(in MessageView message);

    /// <summary>Reports that the connection ended. Called exactly once per successful <see cref="IConnection.ConnectAsync"/>.</summary>
    /// <param name="info">Why it ended.</param>
    void OnDisconnected(DisconnectInfo info);
}
