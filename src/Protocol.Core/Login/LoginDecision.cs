
namespace Protocol;

/// <summary>What an <see cref="IPlatformLogin{TState}"/> concluded from one message.</summary>
public readonly struct LoginDecision
{
    private LoginDecision(LoginOutcome outcome, string? reason, OutgoingMessage reply)
    {
        Outcome = outcome;
        Reason = reason;
        Reply = reply;
    }

    /// <summary>Not decided yet; keep waiting.</summary>
    public static LoginDecision Pending => default;

    /// <summary>What was concluded.</summary>
    public LoginOutcome Outcome { get; }

    /// <summary>The rejection reason (safe to log).</summary>
    public string? Reason { get; }

    /// <summary>For <see cref="LoginOutcome.Reply"/>: the message to send; its memory must be owned (e.g. a fresh array).</summary>
    public OutgoingMessage Reply { get; }

    /// <summary>The platform accepted the login: the client becomes Ready.</summary>
    public static LoginDecision Accept() => new(LoginOutcome.Accepted, null, default);

    /// <summary>The platform rejected the login: terminal, the client closes with <see cref="LoginRejectedException"/>.</summary>
    /// <param name="reason">Why, as safe to log (never the session).</param>
    public static LoginDecision Reject(string reason) => new(LoginOutcome.Rejected, reason, default);

    /// <summary>
    /// Still pending, but send <paramref name="message"/> now: a reply the platform asks for mid-login (e.g. a challenge's
    /// answer). Not for the Socket.IO namespace CONNECT: the transport consumes it before the login starts, so send the auth
    /// frame from <see cref="IPlatformLogin{TState}.StartAsync"/>.
    /// </summary>
    /// <param name="message">An owned message.</param>
    public static LoginDecision Send(OutgoingMessage message) => new(LoginOutcome.Reply, null, message);
}
