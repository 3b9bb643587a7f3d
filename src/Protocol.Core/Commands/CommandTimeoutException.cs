
namespace Protocol;

/// <summary>
/// A command got no answer within its timeout. The request may still have reached the platform: for anything that
/// moves money, check the platform's state (open deals, orders) before issuing it again.
/// </summary>
public sealed class CommandTimeoutException : OperationTimeoutException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="command">The command's name.</param>
    /// <param name="timeout">The timeout that passed.</param>
    public CommandTimeoutException(string command, TimeSpan timeout)
        : base(command, timeout, $"Command '{command}' got no answer within {timeout}. It may still have reached the platform; check its state before retrying, or raise the timeout.")
    {
    }

    /// <summary>The command's name (the same as <see cref="OperationTimeoutException.Operation"/>).</summary>
    public string Command => Operation;
}
