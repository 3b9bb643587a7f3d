using System.Text;

namespace Protocol.Testing.Connections;

/// <summary>A message the client sent on a <see cref="FakeConnection"/>, copied when it was sent.</summary>
/// <param name="IsText">Whether it was a text frame.</param>
/// <param name="Content">The frame's bytes.</param>
/// <param name="Attachments">Binary attachments sent with it as one unit.</param>
public sealed record SentMessage(bool IsText, byte[] Content, IReadOnlyList<byte[]> Attachments)
{
    /// <summary>The content as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(Content);

    /// <inheritdoc />
    public override string ToString() => IsText ? Text : $"binary {Content.Length} bytes";
}
