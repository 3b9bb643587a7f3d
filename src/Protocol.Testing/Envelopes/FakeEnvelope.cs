namespace Protocol.Testing.Envelopes;

/// <summary>
/// The platform's envelope, as the fake transport decodes the frames a test pushes: Socket.IO (<c>42["ev",…]</c>,
/// two-step binary messages) or JSON actions (<c>{"action":…}</c>). A frame the envelope cannot decode fails the push
/// with a <see cref="FakeFrameException"/> saying why; nothing is dropped silently.
/// </summary>
public abstract class FakeEnvelope
{
    /// <summary>Socket.IO v5 over Engine.IO v4: text frames as on the wire (<c>42[…]</c>, <c>451-[…]</c>), binary frames as attachments.</summary>
    public static FakeEnvelope SocketIO { get; } = new SocketIOFakeEnvelope();

    /// <summary>JSON actions: every text frame is an object whose <paramref name="nameProperty"/> names the action.</summary>
    /// <param name="nameProperty">The property that carries the action name.</param>
    /// <returns>The envelope.</returns>
    public static FakeEnvelope JsonActions(string nameProperty = Protocol.JsonActions.JsonActionEnvelope.DefaultNameProperty)
        => new JsonActionFakeEnvelope(nameProperty);

    /// <summary>A short name for messages (<c>Socket.IO</c>, <c>JSON actions ("action")</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Creates the decoder of one connection (Socket.IO keeps per-connection state for two-step messages).</summary>
    /// <returns>A new decoder.</returns>
    public abstract FakeFrameDecoder CreateDecoder();

    // The JSON-action name property (null for Socket.IO, whose name is the first element of the event array).
    internal virtual string? ActionProperty => null;

    /// <inheritdoc />
    public override string ToString() => Name;
}
