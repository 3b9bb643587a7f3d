// Declarations that fit real platforms (issue #10): direction, aliases. Kept out of the baselines' fixture files on purpose: these are
// checked by behaviour (round trips, interfaces), not by generated text.
using System.Collections.Generic;

namespace Protocol.Generators.Tests.Fixtures;

/// <summary>The candle request: <c>42["loadHistoryPeriod",{asset,period,time,index,offset}]</c>.</summary>
[ProtocolMessage("loadHistoryPeriod", Platform = "PocketOption", Direction = WireDirection.Outgoing)]
public sealed partial class LoadHistoryRequest
{
    public string Asset { get; set; } = "";

    public long Period { get; set; }

    public long Time { get; set; }

    public ulong Index { get; set; }

    public int Offset { get; set; }
}

/// <summary>The answer under the same name (or <c>loadHistoryPeriodFast</c>).</summary>
[ProtocolMessage("loadHistoryPeriod", Platform = "PocketOption", Direction = WireDirection.Incoming, Aliases = new[] { "loadHistoryPeriodFast" })]
public sealed partial class LoadHistoryAnswer
{
    public string Asset { get; set; } = "";

    public ulong Index { get; set; }

    public long Period { get; set; }
}

/// <summary>The rejection, under any of its three names: <c>42["NotAuthorized"]</c>.</summary>
[ProtocolMessage("NotAuthorized", Platform = "PocketOption", Direction = WireDirection.Incoming, Layout = WireLayout.None, Aliases = new[] { "notAuthorized", "auth_error" })]
public sealed partial class NotAuthorized
{
}

/// <summary>A plain base: its members are part of every derived message's shape.</summary>
public abstract class HistoryRequestBase
{
    public string Asset { get; set; } = "";

    public long Period { get; init; }

    [WireIgnore]
    public string Note { get; set; } = "";
}

/// <summary>Written <c>{"asset":…,"period":…,"offset":…}</c>: the base's members first, never <c>{"offset":100}</c> alone.</summary>
[ProtocolMessage("loadHistoryPeriodFast", Platform = "PocketOption", Direction = WireDirection.Outgoing)]
public sealed partial class LoadHistoryFastRequest : HistoryRequestBase
{
    public int Offset { get; set; }
}

/// <summary>A generated base and a generated derived type: each reads and writes its own shape.</summary>
[WireType]
public partial class PriceBase
{
    public string Asset { get; set; } = "";

    public virtual decimal Price { get; set; }
}

[WireType]
public sealed partial class PriceWithTime : PriceBase
{
    public override decimal Price { get; set; }

    public long Time { get; set; }
}

/// <summary>The SSID object with its unknown keys kept: read and written back, nothing lost.</summary>
[ProtocolMessage("authWithExtras", Platform = "PocketOption", Direction = WireDirection.Outgoing)]
public sealed partial class AuthWithExtras
{
    public string Session { get; set; } = "";

    public int Uid { get; set; }

    /// <summary>Any JSON value, as it came.</summary>
    public System.Text.Json.JsonElement? Extra { get; set; }

    /// <summary>A nested JSON object of any shape.</summary>
    public Dictionary<string, System.Text.Json.JsonElement>? Meta { get; set; }

    [WireExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? Unknown { get; set; }
}

/// <summary>Extension data on an init-only member and a non-nullable JsonElement.</summary>
[WireType]
public sealed partial class Envelope
{
    public System.Text.Json.JsonElement Data { get; init; }

    [WireExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement> Rest { get; init; } = [];
}

/// <summary>A list of scalars: no skipping there.</summary>
[WireType]
public sealed partial class ChangeSymbolList
{
    public List<int> Periods { get; set; } = [];
}

/// <summary>One decimal written four ways.</summary>
[WireType]
public sealed partial class Amounts
{
    public decimal AsIs { get; set; }

    [WireDecimal(WireDecimalFormat.Trimmed)]
    public decimal Trimmed { get; set; }

    [WireDecimal(WireDecimalFormat.AtLeastOneDecimal)]
    public decimal OneDecimal { get; set; }

    [WireDecimal(WireDecimalFormat.AtLeastOneDecimal), WireNumberAsString]
    public decimal? AsString { get; set; }

    [WireDecimal(WireDecimalFormat.Trimmed)]
    public decimal[] List { get; set; } = [];
}

public enum Side
{
    Call = 0,
    Put = 1,
    Up = 0,
}

[System.Flags]
public enum Features
{
    None = 0,
    A = 1,
    B = 2,
}

[WireEnum(WireEnumFormat.Number, AllowUndefined = true)]
public enum OpenCode
{
    Known = 1,
}

/// <summary>Strict and lenient enums side by side.</summary>
[WireType]
public sealed partial class EnumRow
{
    [WireOptional]
    public Side Side { get; set; }

    [WireOptional]
    [WireEnum(WireEnumFormat.Number, AllowUndefined = true)]
    public Side Lenient { get; set; }

    [WireOptional]
    public Features Features { get; set; }

    [WireOptional]
    public OpenCode Code { get; set; }

    [WireOptional]
    public List<Side> Sides { get; set; } = [];
}

/// <summary>Finite by default; non-finite only where a member opts in.</summary>
[WireType]
public sealed partial class Rates
{
    [WireOptional]
    public double Strict { get; set; }

    [WireOptional]
    [WireAllowNonFinite]
    public double Open { get; set; }

    [WireOptional]
    [WireAllowNonFinite, WireNumberAsString]
    public float OpenAsString { get; set; }

    [WireOptional]
    [WireAllowNonFinite]
    public List<double> Series { get; set; } = [];
}
