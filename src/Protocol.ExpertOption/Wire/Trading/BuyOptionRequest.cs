using Protocol;

namespace Protocol.ExpertOption.Wire.Trading;

/// <summary>
/// Opens an option (fact sheet §4.5). Variant A ([M], current): <c>expiration_shift</c> and <c>ratePosition</c>; variant B ([L],
/// older): an absolute <c>expiration_time</c> and <c>rateIndex</c>. Members left null are not written, so one type carries either.
/// </summary>
[ProtocolMessage("buyOption", Direction = WireDirection.Outgoing)]
public sealed partial class BuyOptionRequest
{
    /// <summary>The order.</summary>
    [WireName("message")]
    public BuyOptionBody Body { get; set; } = new();

    /// <summary>The session token. Never log it.</summary>
    public string Token { get; set; } = "";

    /// <summary>The request id the reply echoes.</summary>
    public long Ns { get; set; }
}

/// <summary>The body of <see cref="BuyOptionRequest"/>.</summary>
[WireType]
public sealed partial class BuyOptionBody
{
    /// <summary>"call" or "put" (a string here, 0/1 in every server record).</summary>
    public string Type { get; set; } = "call";

    /// <summary>The stake.</summary>
    public decimal Amount { get; set; }

    /// <summary>The asset id (so spelled in the buy request).</summary>
    [WireName("assetid")]
    public int AssetId { get; set; }

    /// <summary>The opening time, Unix seconds.</summary>
    [WireName("strike_time")]
    public long StrikeTime { get; set; }

    /// <summary>1 for the demo account.</summary>
    [WireName("is_demo")]
    public int IsDemo { get; set; }

    /// <summary>Variant A: seconds from <see cref="StrikeTime"/> to the expiry (the majority reading).</summary>
    [WireName("expiration_shift")]
    public int? ExpirationShift { get; set; }

    /// <summary>Variant A: always 0 in every source.</summary>
    public int? RatePosition { get; set; }

    /// <summary>Variant B: the absolute expiry, Unix seconds.</summary>
    [WireName("expiration_time")]
    public long? ExpirationTime { get; set; }

    /// <summary>Variant B: 1 in every source.</summary>
    public int? RateIndex { get; set; }
}
