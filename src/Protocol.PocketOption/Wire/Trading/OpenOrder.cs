
namespace Protocol.PocketOption.Wire.Trading;

/// <summary>
/// Places a quick trade: <c>42["openOrder",{"asset":"EURUSD_otc","action":"call","amount":1.0,"isDemo":1,"optionType":100,"requestId":"…","time":60}]</c>
/// (members in the order the platform's web client writes them; the amount always with a decimal point). Answered by
/// <see cref="SuccessOpenOrder"/> echoing <see cref="RequestId"/>, or by <see cref="FailOpenOrder"/>.
/// </summary>
[ProtocolMessage("openOrder", Direction = WireDirection.Outgoing)]
public sealed partial class OpenOrder
{
    /// <summary>The asset's symbol.</summary>
    public string Asset { get; set; } = "";

    /// <summary>Call or put.</summary>
    [WireEnum(WireEnumFormat.String)]
    public OrderAction Action { get; set; }

    /// <summary>The stake, written as a JSON float (<c>1.0</c>).</summary>
    [WireDecimal(WireDecimalFormat.AtLeastOneDecimal)]
    public decimal Amount { get; set; }

    /// <summary>1 for the demo account, 0 for the real one.</summary>
    public int IsDemo { get; set; }

    /// <summary>The option type; 100 for quick trades.</summary>
    public int OptionType { get; set; } = 100;

    /// <summary>The client's id for the order (a fresh UUID), echoed in the opened deal.</summary>
    public string RequestId { get; set; } = "";

    /// <summary>The trade's duration in seconds.</summary>
    public long Time { get; set; }
}
