namespace Protocol.Trading.Trades;

/// <summary>An order failed the checks made before sending it (<see cref="Problem"/> says which); nothing was sent.</summary>
public sealed class TradeCheckException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">What was wrong.</param>
    /// <param name="message">What was wrong and what to do.</param>
    /// <param name="paramName">The argument at fault.</param>
    /// <param name="innerException">The platform client's own check, when it made one.</param>
    public TradeCheckException(TradeCheckProblem problem, string message, string? paramName = null, Exception? innerException = null)
        : base(message, paramName, innerException)
        => Problem = problem;

    /// <summary>What was wrong with the order.</summary>
    public TradeCheckProblem Problem { get; }
}
