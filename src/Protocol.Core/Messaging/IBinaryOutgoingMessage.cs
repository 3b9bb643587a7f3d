using System.ComponentModel;

namespace Protocol.Infrastructure;

/// <summary>
/// Marks a generated outgoing message with binary members (<c>byte[]</c>, <c>ReadOnlyMemory&lt;byte&gt;</c>, at any depth):
/// every send writes it with <see cref="WireBinary"/> collecting, so its binary values go as attachments (Socket.IO's
/// two-step <c>45N-[…]</c> and its binary frames). A message without the marker never takes that path.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IBinaryOutgoingMessage : IOutgoingMessage
{
}
