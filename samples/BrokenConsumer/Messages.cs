using Protocol;

namespace Broken;

/// <summary>Balance.</summary>
[ProtocolMessage("balance")]
public sealed partial class Balance
{
    /// <summary>Amount.</summary>
    public decimal Amount { get; set; }
}

/// <summary>The mistake: a second message with the same wire name, which inbound routing could never tell apart.</summary>
[ProtocolMessage("balance")]
public sealed partial class BalanceAgain
{
    /// <summary>Amount.</summary>
    public decimal Amount { get; set; }
}

/// <summary>State.</summary>
public sealed class State
{
    /// <summary>The last deal opened.</summary>
    public int LastOpened { get; set; }
}

/// <summary>The second mistake: a module with nothing for its API to offer (PROTO007).</summary>
[ProtocolModule("empty", typeof(State))]
public sealed partial class EmptyModule;
