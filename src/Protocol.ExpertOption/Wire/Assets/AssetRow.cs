using System.Text.Json;
using Protocol;

namespace Protocol.ExpertOption.Wire.Assets;

/// <summary>One asset of an <see cref="AssetsReply"/> (fact sheet §4.4, the captured keys the client uses).</summary>
[WireType]
public sealed partial class AssetRow
{
    /// <summary>The id that identifies the asset (one symbol can have two: regular and OTC). 20000 means "not for this client".</summary>
    public int Id { get; set; }

    /// <summary>The symbol, e.g. "EURUSD".</summary>
    public string Symbol { get; set; } = "";

    /// <summary>The display name, e.g. "EUR/USD (OTC)".</summary>
    [WireOptional]
    public string Name { get; set; } = "";

    /// <summary>1 when tradable now.</summary>
    [WireName("is_active")]
    [WireOptional]
    public int IsActive { get; set; }

    /// <summary>The current payout in percent (0 when inactive).</summary>
    [WireOptional]
    public int Profit { get; set; }

    /// <summary>The smallest stake.</summary>
    [WireName("min_bet")]
    [WireOptional]
    public decimal MinBet { get; set; }

    /// <summary>The largest stake.</summary>
    [WireName("max_bet")]
    [WireOptional]
    public decimal MaxBet { get; set; }

    /// <summary>How long before an expiry a deal may open at the latest, seconds.</summary>
    [WireName("purchase_time")]
    [WireOptional]
    public int PurchaseTime { get; set; }

    /// <summary>Expiries fall on multiples of this many seconds.</summary>
    [WireName("expiration_step")]
    [WireOptional]
    public int ExpirationStep { get; set; }

    /// <summary>How many expiry steps are offered (1–5 in the capture).</summary>
    [WireName("expiration_count")]
    [WireOptional]
    public int ExpirationCount { get; set; }

    /// <summary>The group as read: "currencies", "stocks", "indeces" (so spelled), "commodities"… (kept as any JSON value: its type is not certain).</summary>
    [WireName("asset_group_id")]
    [WireOptional]
    public JsonElement AssetGroup { get; set; }
}
