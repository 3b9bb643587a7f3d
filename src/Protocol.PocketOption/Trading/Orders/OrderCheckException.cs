namespace Protocol.PocketOption.Trading.Orders;

/// <summary>An order failed the checks made before sending it (<see cref="Problem"/> says which); nothing was sent.</summary>
public sealed class OrderCheckException : ProtocolException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">What was wrong.</param>
    /// <param name="message">What was wrong and what to do.</param>
    public OrderCheckException(OrderProblem problem, string message)
        : base(message)
        => Problem = problem;

    /// <summary>What was wrong with the order.</summary>
    public OrderProblem Problem { get; }
}
