using Protocol;

namespace Protocol.ExpertOption.Wire.Profile;

/// <summary>The fields of a profile the client uses (fact sheet §4.3, [C]); the others are ignored.</summary>
[WireType]
public sealed partial class ProfileData
{
    /// <summary>The user's id.</summary>
    [WireOptional]
    public long Id { get; set; }

    /// <summary>1 when the demo context is active.</summary>
    [WireName("is_demo")]
    [WireOptional]
    public int IsDemo { get; set; }

    /// <summary>The demo balance.</summary>
    [WireName("demo_balance")]
    [WireOptional]
    public decimal DemoBalance { get; set; }

    /// <summary>The real balance.</summary>
    [WireName("real_balance")]
    [WireOptional]
    public decimal RealBalance { get; set; }

    /// <summary>The real account's currency id (0 USD, 1 EUR).</summary>
    [WireName("currency_id")]
    [WireOptional]
    public int CurrencyId { get; set; }

    /// <summary>The user's time zone in minutes, positive east of UTC.</summary>
    [WireName("time_zone")]
    [WireOptional]
    public int TimeZone { get; set; }

    /// <summary>The largest amount one deal may have.</summary>
    [WireName("max_deal_amount")]
    [WireOptional]
    public decimal MaxDealAmount { get; set; }

    /// <summary>The server's clock, Unix seconds (0 when absent).</summary>
    [WireName("ts")]
    [WireOptional]
    public long ServerTimeSeconds { get; set; }

    /// <summary>The user group's name (e.g. "Demo").</summary>
    [WireName("user_group_name")]
    [WireOptional]
    public string? UserGroupName { get; set; }
}
