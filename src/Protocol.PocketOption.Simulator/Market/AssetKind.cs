namespace Protocol.PocketOption.Simulator.Market;

/// <summary>An asset's type, as PocketOption's asset rows name it (row element 3).</summary>
public enum AssetKind
{
    /// <summary><c>currency</c>: a currency pair.</summary>
    Currency,

    /// <summary><c>stock</c>.</summary>
    Stock,

    /// <summary><c>commodity</c>.</summary>
    Commodity,

    /// <summary><c>cryptocurrency</c>.</summary>
    Cryptocurrency,

    /// <summary><c>index</c>.</summary>
    Index,
}
