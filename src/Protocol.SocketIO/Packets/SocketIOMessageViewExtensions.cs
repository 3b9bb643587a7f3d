
namespace Protocol.SocketIO;

/// <summary>
/// The Socket.IO meaning of a <see cref="MessageView"/>'s neutral fields, as <see cref="SocketIOViewMapper"/> set them:
/// the namespace is the view's <see cref="MessageView.Scope"/>, the ack id its <see cref="MessageView.CorrelationId"/>.
/// </summary>
public static class SocketIOMessageViewExtensions
{
    /// <summary>The namespace the message came on (<c>/</c> when the view has no scope).</summary>
    /// <param name="message">A message from a Socket.IO transport.</param>
    /// <returns>The namespace as UTF-8.</returns>
    public static ReadOnlySpan<byte> GetNamespace(this MessageView message) => message.Scope.IsEmpty ? "/"u8 : message.Scope;

    /// <summary>The ack id: on a <see cref="MessageKind.Reply"/> the id of the emit it answers, on an event the id the server waits for; <see langword="null"/> when absent.</summary>
    /// <param name="message">A message from a Socket.IO transport.</param>
    /// <returns>The ack id, or <see langword="null"/>.</returns>
    public static long? GetAckId(this MessageView message) => message.HasCorrelationId ? message.CorrelationId : null;
}
