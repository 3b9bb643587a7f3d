using Protocol.PocketOption.Wire.Trading;

namespace Protocol.PocketOption.Trading.Deals;

/// <summary>A deal joined the open deals (<see cref="DealBook.DealOpened"/>).</summary>
/// <param name="deal">The deal.</param>
/// <param name="isLateAnswer">True when its order had failed with <see cref="Orders.OrderOutcomeUnknownException"/>.</param>
public sealed class DealOpenedEventArgs(Deal deal, bool isLateAnswer) : EventArgs
{
    /// <summary>The deal.</summary>
    public Deal Deal { get; } = deal;

    /// <summary>True when the order that opened it had failed with "outcome unknown": the position exists after all.</summary>
    public bool IsLateAnswer { get; } = isLateAnswer;
}
