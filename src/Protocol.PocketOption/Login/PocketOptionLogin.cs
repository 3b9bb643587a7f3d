using Protocol.PocketOption.Session;
using Protocol.PocketOption.Wire;
using Protocol.SocketIO;

namespace Protocol.PocketOption.Login;

/// <summary>
/// PocketOption's login (§1.2): once the transport has joined the namespace, send the SSID's <c>auth</c>; <c>successauth</c>
/// (one- or two-step) means Ready. <c>NotAuthorized</c> (or its aliases), or the server ending the session with a namespace
/// DISCONNECT (<c>41</c>) before accepting, is a terminal rejection reported at once; any other close during the login
/// (a dropped transport) is a failed attempt the runner retries with backoff.
/// </summary>
/// <remarks>Reasons never quote the SSID: the session, uid, IP and user agent are secrets.</remarks>
public sealed class PocketOptionLogin : IPlatformLogin<PocketOptionState>
{
    /// <summary>The reason given when the server answers <c>NotAuthorized</c>.</summary>
    public const string NotAuthorizedReason = "PocketOption answered NotAuthorized: the SSID's session is invalid, expired, or bound to another IP address or browser";

    /// <summary>The reason given when the server ends the session before accepting the login.</summary>
    public const string DisconnectedReason = "PocketOption ended the session (namespace DISCONNECT) before accepting the login: the SSID's session was refused";

    private readonly Auth _auth;

    /// <summary>Creates the login for an SSID.</summary>
    /// <param name="ssid">The parsed SSID.</param>
    public PocketOptionLogin(Ssid ssid) => _auth = Auth.From(ssid);

    /// <inheritdoc />
    public ValueTask StartAsync(LoginContext<PocketOptionState> context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.SendAsync(_auth, cancellationToken);
    }

    /// <inheritdoc />
    public LoginDecision OnMessage(MessageView message, LoginContext<PocketOptionState> context)
        => SuccessAuth.Matches(message) ? LoginDecision.Accept()
         : AuthRejected.Matches(message) ? LoginDecision.Reject(NotAuthorizedReason)
         : LoginDecision.Pending;

    /// <inheritdoc />
    public LoginDecision OnClosed(DisconnectInfo info, LoginContext<PocketOptionState> context)
    {
        ArgumentNullException.ThrowIfNull(info);

        // The server sends 41 to refuse a session (issue #122); a transport that merely dropped is not a verdict on the SSID.
        return info.Error is SocketIONamespaceDisconnectedException ? LoginDecision.Reject(DisconnectedReason) : LoginDecision.Pending;
    }
}
