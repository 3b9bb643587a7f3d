using System.Buffers;
using System.Text.Json;
using Protocol.PocketOption.Simulator.Accounts;
using Protocol.PocketOption.Simulator.Market;
using Protocol.Trading.Candles;
using Protocol.Trading.Market;

namespace Protocol.PocketOption.Simulator.Wire;

/// <summary>The JSON payloads the simulator sends, in the shapes of the notes' §3.2 (written by hand: AOT-safe, no reflection).</summary>
internal static class PocketJson
{
    /// <summary>Unix seconds, with the fraction a sub-second tick has (<c>1770856131.5</c>).</summary>
    public static decimal UnixSeconds(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks / (decimal)TimeSpan.TicksPerSecond;

    public static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            body(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>successauth</c>: <c>serverName</c> (what the current reference client looks for) and, for demo, the 2025 <c>id</c>.</summary>
    public static byte[] SuccessAuth(bool isDemo, string socketId, string serverName) => Write(w =>
    {
        w.WriteStartObject();
        if (isDemo)
        {
            w.WriteString("id", socketId);
        }

        w.WriteString("serverName", serverName);
        w.WriteEndObject();
    });

    /// <summary><c>successupdateBalance</c>: <c>{"uid","isDemo","balance"}</c>.</summary>
    public static byte[] Balance(long uid, bool isDemo, decimal balance) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("uid", uid);
        w.WriteNumber("isDemo", isDemo ? 1 : 0);
        w.WriteNumber("balance", balance);
        w.WriteEndObject();
    });

    /// <summary><c>successupdateBalance</c> for an account, read under its gate.</summary>
    public static byte[] Balance(SimulatorAccount account)
    {
        decimal balance;
        lock (account.Gate)
        {
            balance = account.Balance;
        }

        return Balance(account.Uid, account.IsDemo, balance);
    }

    /// <summary><c>updateAssets</c>: one 19-element row per asset (§3.2); unknown positions hold [simulator-defined] constants.</summary>
    public static byte[] Assets(IEnumerable<SimulatedAsset> assets, DateTimeOffset now) => Write(w =>
    {
        var unix = (long)Math.Floor(UnixSeconds(now));
        w.WriteStartArray();
        foreach (var asset in assets)
        {
            w.WriteStartArray();
            w.WriteNumberValue(asset.Id);                  // [0] id
            w.WriteStringValue(asset.Symbol);              // [1] symbol
            w.WriteStringValue(asset.Name);                // [2] display name
            w.WriteStringValue(KindName(asset.Kind));      // [3] type
            w.WriteNumberValue(2);                         // [4] unknown: 2 as in the notes' example row
            w.WriteNumberValue(asset.Payout);              // [5] payout %
            w.WriteNumberValue(60);                        // [6] unknown
            w.WriteNumberValue(30);                        // [7] unknown
            w.WriteNumberValue(3);                         // [8] unknown
            w.WriteNumberValue(asset.IsOtc ? 1 : 0);       // [9] OTC flag
            w.WriteNumberValue(0);                         // [10] unknown
            w.WriteNumberValue(0);                         // [11] unknown
            w.WriteStartArray();                           // [12] unknown: empty list
            w.WriteEndArray();
            w.WriteNumberValue(unix);                      // [13] a unix time: now
            w.WriteBooleanValue(asset.IsActive);           // [14] active
            w.WriteStartArray();                           // [15] allowed expiries
            foreach (var expiry in asset.ExpirySeconds)
            {
                w.WriteStartObject();
                w.WriteNumber("time", expiry);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumberValue(-1);                        // [16] unknown
            w.WriteNumberValue(60);                        // [17] unknown
            w.WriteNumberValue(unix);                      // [18] a unix time: now
            w.WriteEndArray();
        }

        w.WriteEndArray();
    });

    /// <summary>One <c>updateStream</c> triple in its outer array: <c>[["EURUSD_otc",t,price]]</c>.</summary>
    public static byte[] StreamTick(string symbol, PriceTick tick) => Write(w =>
    {
        w.WriteStartArray();
        w.WriteStartArray();
        w.WriteStringValue(symbol);
        w.WriteNumberValue(UnixSeconds(tick.Time));
        w.WriteNumberValue(tick.Price);
        w.WriteEndArray();
        w.WriteEndArray();
    });

    public static string KindName(AssetKind kind) => kind switch
    {
        AssetKind.Currency => "currency",
        AssetKind.Stock => "stock",
        AssetKind.Commodity => "commodity",
        AssetKind.Cryptocurrency => "cryptocurrency",
        AssetKind.Index => "index",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an asset kind the platform names."),
    };
}
