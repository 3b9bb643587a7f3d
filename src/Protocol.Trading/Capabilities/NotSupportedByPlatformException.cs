namespace Protocol.Trading.Capabilities;

/// <summary>
/// An operation of <see cref="Clients.ITradingClient"/> the platform does not support, as its
/// <see cref="TradingCapabilities"/> says before anyone calls it. Nothing was sent.
/// </summary>
public sealed class NotSupportedByPlatformException : NotSupportedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="platform">The platform, e.g. <c>ExpertOption</c>.</param>
    /// <param name="capability">The operation not supported.</param>
    /// <param name="reason">Why the platform does not support it.</param>
    public NotSupportedByPlatformException(string platform, TradingOperation capability, string reason)
        : base($"{platform} does not support {capability}: {reason}. Nothing was sent; check Capabilities.Supports(TradingOperation.{capability}) before calling.")
    {
        Platform = platform;
        Capability = capability;
        Reason = reason;
    }

    /// <summary>The platform.</summary>
    public string Platform { get; }

    /// <summary>The operation not supported.</summary>
    public TradingOperation Capability { get; }

    /// <summary>Why the platform does not support it.</summary>
    public string Reason { get; }
}
