// Declarations that fit real platforms (issue #10): direction, aliases. Kept out of the baselines' fixture files on purpose: these are
// checked by behaviour (round trips, interfaces), not by generated text.
using System.Collections.Generic;
using Protocol.Attributes;

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
