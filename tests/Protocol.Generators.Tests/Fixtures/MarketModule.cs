// A module with a keyed stream and a declared wait, declared only with the attributes: the baseline test feeds this file to the
// driver; KeyedStreamAndWaitRuntimeTests drive the generated MarketApi on a fake connection.
using System;
using System.Collections.Generic;

namespace Protocol.Generators.Tests.Fixtures;

// PocketOption has no unsubscribe message; this fixture declares one so the stop path is generated and tested.
[ProtocolMessage("unsubfor", Layout = WireLayout.Value)]
public sealed partial class Unsubfor
{
    public string Asset { get; set; } = "";
}

// Its own state, so this file stands alone in the baseline test.
public sealed class MarketState;

[ProtocolModule("market", typeof(MarketState))]
public sealed partial class MarketModule
{
    // Asset names compare without case here, so "eurusd_otc" and "EURUSD_otc" are one key (one start, one stream).
    private static IEqualityComparer<string> AssetComparer => StringComparer.OrdinalIgnoreCase;

    // The asset of a tick; an empty update has none and is dropped.
    [ModuleKeyedStream("Ticks", Comparer = nameof(AssetComparer))]
    private static string? TickAsset(UpdateStream update) => update.Ticks.Length == 0 ? null : update.Ticks[0].Symbol;

    // PocketOption starts an asset's ticks with changeSymbol, then subfor: sent in this order.
    [ModuleStreamStart("Ticks")]
    private static ChangeSymbol Focus(string asset) => new() { Asset = asset, Period = 60 };

    [ModuleStreamStart("Ticks")]
    private static Subfor Subscribe(string asset) => new() { Asset = asset };

    [ModuleStreamStop("Ticks")]
    private static Unsubfor Unsubscribe(string asset) => new() { Asset = asset };

    // "The deal with this id closed."
    [ModuleWait]
    private static bool DealClosed(string dealId, SuccessCloseOrder closed) => closed.Deals.Exists(deal => deal.Id == dealId);

    // A second wait on the same message, with a predicate that throws on a close without deals (a bug it surfaces to its caller).
    [ModuleWait]
    private static bool FirstDealOn(string asset, SuccessCloseOrder closed) => closed.Deals[0].Asset == asset;
}
