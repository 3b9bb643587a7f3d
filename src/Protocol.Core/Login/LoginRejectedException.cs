namespace Protocol;

/// <summary>
/// The platform refused the login (bad or expired session, wrong account). Terminal: the client goes to
/// <see cref="ConnectionState.Closed"/> and does not retry, because retrying a rejected session only gets the account
/// or IP rate-limited. Get a fresh session and build a new client.
/// </summary>
public sealed class LoginRejectedException : ProtocolException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">The platform's reason, as safe to log (never the session itself).</param>
    public LoginRejectedException(string reason)
        : base($"The platform rejected the login: {reason}. The client is closed and will not retry; obtain a fresh session (SSID/token) and connect a new client.")
        => Reason = reason;

    /// <summary>The platform's reason.</summary>
    public string Reason { get; }
}
