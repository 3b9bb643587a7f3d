namespace Protocol.Server.SocketIO;

/// <summary>What a namespace's authorizer answers to a CONNECT: accept, or refuse with a CONNECT_ERROR message.</summary>
public readonly struct SocketIOConnectDecision
{
    private SocketIOConnectDecision(string? error) => Error = error;

    /// <summary>Accept: the client gets CONNECT with its socket id.</summary>
    public static SocketIOConnectDecision Accept { get; } = new(null);

    /// <summary>The refusal's message (the client's <c>connect_error</c> gets <c>{"message":…}</c>), or null when accepted.</summary>
    public string? Error { get; }

    /// <summary>Whether the client may join.</summary>
    public bool IsAccepted => Error is null;

    /// <summary>Refuse with a message the client sees as its <c>connect_error</c>'s <c>message</c>.</summary>
    /// <param name="message">Why; must not be empty.</param>
    /// <returns>The refusal.</returns>
    public static SocketIOConnectDecision Reject(string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new SocketIOConnectDecision(message);
    }
}
