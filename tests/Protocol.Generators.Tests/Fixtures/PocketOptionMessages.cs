using Protocol;
// PocketOption's message shapes (pocketoption.md §3), declared with the attributes. The generator runs on this project, so the round-trip
// tests use the generated code directly; the baseline test feeds this same file to the driver.
using System.Collections.Generic;

[assembly: ProtocolPlatform("PocketOption", Envelope = WireEnvelope.SocketIO)]

namespace Protocol.Generators.Tests.Fixtures;

public enum OrderAction
{
    Call,
    Put,
}

[WireEnum(WireEnumFormat.String)]
public enum AssetType
{
    Stock,
    Currency,
    Commodity,
    [WireName("cryptocurrency")]
    Crypto,
    Index,
}

/// <summary>The SSID auth frame: <c>42["auth",{session,isDemo,uid,platform,…}]</c>.</summary>
[ProtocolMessage("auth", Platform = "PocketOption")]
public sealed partial class AuthMessage
{
    [WireAlias("sessionToken")]
    public string Session { get; set; } = "";

    [WireOptional]
    public int IsDemo { get; set; }

    public long Uid { get; set; }

    [WireOptional]
    public int Platform { get; set; }

    public bool? IsFastHistory { get; set; }

    public bool? IsOptimized { get; set; }

    public string? CurrentUrl { get; set; }
}

[ProtocolMessage("changeSymbol")]
public sealed partial class ChangeSymbol
{
    public required string Asset { get; init; }

    public long Period { get; init; }
}

[ProtocolMessage("subfor", Layout = WireLayout.Value)]
public sealed partial class Subfor
{
    public string Asset { get; set; } = "";
}

[ProtocolMessage("ps", Layout = WireLayout.None)]
public sealed partial class KeepAlive;

[ProtocolMessage("openOrder")]
public sealed partial class OpenOrder
{
    public string Asset { get; set; } = "";

    [WireEnum(WireEnumFormat.String)]
    public OrderAction Action { get; set; }

    public decimal Amount { get; set; }

    public int IsDemo { get; set; }

    public int OptionType { get; set; } = 100;

    public string RequestId { get; set; } = "";

    public long Time { get; set; }
}

[ProtocolMessage("openPendingOrder")]
public sealed partial class OpenPendingOrder
{
    public uint OpenType { get; set; }

    [WireNumberAsString]
    public decimal Amount { get; set; }

    public string Asset { get; set; } = "";

    public string OpenTime { get; set; } = "";

    [WireNumberAsString]
    public decimal OpenPrice { get; set; }

    public uint Timeframe { get; set; }

    public uint MinPayout { get; set; }

    public int Command { get; set; }
}

[WireType]
public partial struct ExpiryTime
{
    public int Time { get; set; }
}

/// <summary>One asset row: a 19-element positional array.</summary>
[WireType(Layout = WireLayout.Array, ArrayLength = 19)]
public sealed partial class Asset
{
    [WireIndex(0)] public int Id { get; set; }
    [WireIndex(1)] public string Symbol { get; set; } = "";
    [WireIndex(2)] public string Name { get; set; } = "";
    [WireIndex(3)] public AssetType Type { get; set; }
    [WireIndex(4)] public int Group { get; set; }
    [WireIndex(5)] public int Payout { get; set; }
    [WireIndex(6)] public int Unknown6 { get; set; }
    [WireIndex(7)] public int Unknown7 { get; set; }
    [WireIndex(8)] public int Unknown8 { get; set; }
    [WireIndex(9)] public int IsOtc { get; set; }
    [WireIndex(10)] public int Unknown10 { get; set; }
    [WireIndex(11)] public int Unknown11 { get; set; }
    [WireIndex(12)] public int[] Unknown12 { get; set; } = [];
    [WireIndex(13)] public long Unknown13 { get; set; }
    [WireIndex(14)] public bool IsActive { get; set; }
    [WireIndex(15)] public ExpiryTime[] AllowedExpiries { get; set; } = [];
    [WireIndex(16)] public int Unknown16 { get; set; }
    [WireIndex(17)] public int Unknown17 { get; set; }
    [WireIndex(18)] public long Unknown18 { get; set; }
}

[ProtocolMessage("updateAssets", Layout = WireLayout.Value)]
public sealed partial class UpdateAssets
{
    public Asset[] Assets { get; set; } = [];
}

/// <summary>A candle as PocketOption sends it: <c>[t,o,c,h,l]</c> (close before high and low; a sixth volume element is skipped).</summary>
[WireType(Layout = WireLayout.Array)]
public partial struct Candle
{
    [WireIndex(0)] public double Time { get; set; }
    [WireIndex(1)] public decimal Open { get; set; }
    [WireIndex(2)] public decimal Close { get; set; }
    [WireIndex(3)] public decimal High { get; set; }
    [WireIndex(4)] public decimal Low { get; set; }
}

[WireType(Layout = WireLayout.Array)]
public partial struct HistoryPoint
{
    [WireIndex(0)] public double Time { get; set; }
    [WireIndex(1)] public decimal Price { get; set; }
}

[ProtocolMessage("updateHistoryNewFast")]
public sealed partial class UpdateHistory
{
    public string Asset { get; set; } = "";

    public uint Period { get; set; }

    public HistoryPoint[]? History { get; set; }

    public List<Candle>? Candles { get; set; }
}

/// <summary>A stream tick: <c>[symbol, time, price]</c>.</summary>
[WireType(Layout = WireLayout.Array, ArrayLength = 3)]
public partial struct StreamTick
{
    [WireIndex(0)] public string Symbol { get; set; }
    [WireIndex(1)] public double Time { get; set; }
    [WireIndex(2)] public decimal Price { get; set; }
}

/// <summary>A row of exactly four elements of which only positions 0 and 2 are read (1 and 3 are skipped).</summary>
[WireType(Layout = WireLayout.Array, ArrayLength = 4)]
public partial struct GappedRow
{
    [WireIndex(0)] public int First { get; set; }
    [WireIndex(2)] public string? Third { get; set; }
}

[ProtocolMessage("updateStream", Layout = WireLayout.Value)]
public sealed partial class UpdateStream
{
    public StreamTick[] Ticks { get; set; } = [];
}

// refundTimestamp is known and not read: skipped without being reported as an unknown field (refundTime still is).
[WireType(IgnoredFields = new[] { "refundTimestamp" })]
public sealed partial class Deal
{
    public string Id { get; set; } = "";
    public string OpenTime { get; set; } = "";
    public string CloseTime { get; set; } = "";
    public double OpenTimestamp { get; set; }
    public double CloseTimestamp { get; set; }
    public ulong Uid { get; set; }
    public string? RequestId { get; set; }
    public decimal Amount { get; set; }
    public decimal Profit { get; set; }
    public decimal OpenPrice { get; set; }
    public decimal ClosePrice { get; set; }
    public int PercentProfit { get; set; }
    public int PercentLoss { get; set; }
    public OrderAction Command { get; set; }
    public string Asset { get; set; } = "";
    public uint IsDemo { get; set; }
    public string? CopyTicket { get; set; }
    public int OpenMs { get; set; }
    public int? CloseMs { get; set; }
    public int OptionType { get; set; }
    public bool? IsRollover { get; set; }
    public bool? IsCopySignal { get; set; }
    public bool? IsAI { get; set; }
    public string Currency { get; set; } = "";
    public decimal? AmountUsd { get; set; }
    [WireName("amountUSD")]
    public decimal? AmountUsdUpper { get; set; }
}

[ProtocolMessage("updateOpenedDeals", Layout = WireLayout.Value)]
public sealed partial class UpdateOpenedDeals
{
    public Deal[] Deals { get; set; } = [];
}

/// <summary><c>{"profit":…,"deals":[…]}</c>, or the deals alone as a bare array (then <see cref="Profit"/> stays 0).</summary>
[ProtocolMessage("successcloseOrder")]
public sealed partial class SuccessCloseOrder
{
    [WireOptional]
    public decimal Profit { get; set; }

    [WireBareArray]
    public List<Deal> Deals { get; set; } = [];
}

[ProtocolMessage("successupdateBalance")]
public partial struct BalanceUpdate
{
    public decimal Balance { get; set; }

    [WireOptional]
    public int IsDemo { get; set; }
}

[ProtocolMessage("successopenOrder", Layout = WireLayout.Value)]
public sealed partial class SuccessOpenOrder
{
    public Deal Deal { get; set; } = new();
}

// No request id on the wire: a failure is matched to the oldest pending order with the same asset and amount.
[ProtocolMessage("failopenOrder")]
public sealed partial class FailOpenOrder
{
    public string Error { get; set; } = "";

    public decimal Amount { get; set; }

    public string Asset { get; set; } = "";
}
