namespace Protocol;

/// <summary>
/// The messages that start a keyed stream on the server could not be built or sent, so the subscription was removed
/// (or, on a replay, ended). <see cref="Exception.InnerException"/> says why; subscribe again once the client is Ready.
/// </summary>
public sealed class SubscriptionStartException : ProtocolException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which key, what failed and what to do.</param>
    /// <param name="innerException">The underlying error.</param>
    public SubscriptionStartException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
