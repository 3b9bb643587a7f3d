namespace Protocol.Trading.Market;

/// <summary>What an asset is, as trading platforms classify it.</summary>
public enum AssetKind
{
    /// <summary>A kind this library does not know (the platform named another).</summary>
    Unknown,

    /// <summary>A currency pair.</summary>
    Currency,

    /// <summary>A company's stock.</summary>
    Stock,

    /// <summary>A commodity (metals, energy, …).</summary>
    Commodity,

    /// <summary>A cryptocurrency.</summary>
    Cryptocurrency,

    /// <summary>A stock index.</summary>
    Index,
}
