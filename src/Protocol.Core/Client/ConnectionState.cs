namespace Protocol;

/// <summary>Where the client's connection lifecycle is. The numeric values are what the state gauge records.</summary>
public enum ConnectionState
{
    /// <summary>Not connected and not trying: before <c>ConnectAsync</c> or after <c>DisconnectAsync</c>.</summary>
    Disconnected = 0,

    /// <summary>Opening the transport to an endpoint.</summary>
    Connecting = 1,

    /// <summary>The transport is up; the platform has not accepted the login yet. Commands are refused.</summary>
    Connected = 2,

    /// <summary>The platform accepted the login: commands and subscriptions work.</summary>
    Ready = 3,

    /// <summary>The connection failed or dropped; waiting out the backoff delay before the next attempt.</summary>
    Reconnecting = 4,

    /// <summary>Terminal: disposed, the login was rejected, or the attempt limit was reached. See the client's <c>TerminalError</c>.</summary>
    Closed = 5,
}
