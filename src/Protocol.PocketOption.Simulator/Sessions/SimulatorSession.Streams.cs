using System.Text.Json;
using Protocol.PocketOption.Simulator.Market;
using Protocol.PocketOption.Simulator.Wire;
using Protocol.Server.SocketIO;

namespace Protocol.PocketOption.Simulator.Sessions;

/// <summary>
/// The session's price streams: <c>changeSymbol</c> answers with history, <c>subfor</c> adds an asset to the session's
/// <c>updateStream</c> (several assets per session [simulator-defined]), <c>loadHistoryPeriod[Fast]</c> answers from the
/// feed. One timer per session, on the simulator's clock, ticks at the smallest tick interval of its assets and sends the
/// feed's tick of each asset whose tick changed, so live ticks and history agree.
/// </summary>
internal sealed partial class SimulatorSession
{
    private readonly Lock _streamGate = new();
    private readonly Dictionary<string, (SimulatedAsset Asset, long LastStep)> _streams = new(StringComparer.Ordinal);
    private ITimer? _ticker;
    private TimeSpan _tickerInterval;
    private bool _streamsClosed;

    private void AttachStreams()
    {
        On("changeSymbol", OnChangeSymbolAsync);
        On("subfor", OnSubfor);
        On("loadHistoryPeriod", OnLoadHistoryPeriodAsync);
        On("loadHistoryPeriodFast", OnLoadHistoryPeriodAsync);
    }

    // {"asset":"EURUSD_otc","period":60}: an unknown asset or a period under one second is not answered [simulator-defined].
    private ValueTask OnChangeSymbolAsync(SocketIOServerEvent e)
    {
        if (!TryReadAsset(e, out var request, out var asset) || !TryInt(request, "period", out var period) || period < 1)
        {
            return ValueTask.CompletedTask;
        }

        var json = HistoryJson.ChangeSymbol(_simulator.Feed, asset, period, _simulator.TimeProvider.GetUtcNow());
        return _simulator.Emit.SendAsync(_socket, "updateHistoryNewFast", json);
    }

    // "EURUSD_otc": an unknown asset is ignored [simulator-defined].
    private ValueTask OnSubfor(SocketIOServerEvent e)
    {
        if (e.Arguments.Count == 0 || e.Arguments[0].ValueKind != JsonValueKind.String
            || !_simulator.Feed.TryGetAsset(e.Arguments[0].GetString()!, out var asset))
        {
            return ValueTask.CompletedTask;
        }

        lock (_streamGate)
        {
            if (_streamsClosed || _streams.ContainsKey(asset.Symbol))
            {
                return ValueTask.CompletedTask;
            }

            // The tick current now is not sent: the stream starts with the next one.
            _streams[asset.Symbol] = (asset, PriceFeed.StepAt(asset, _simulator.TimeProvider.GetUtcNow()));
            if (_ticker is null || asset.TickInterval < _tickerInterval)
            {
                _tickerInterval = asset.TickInterval;
                _ticker?.Dispose();
                _ticker = _simulator.TimeProvider.CreateTimer(static s => ((SimulatorSession)s!).Tick(), this, UntilNextBoundary(_tickerInterval), _tickerInterval);
            }
        }

        return ValueTask.CompletedTask;
    }

    // {"asset","period","time","index","offset"}: answered under the request's own event name, echoing index (§3.1/§3.2).
    private ValueTask OnLoadHistoryPeriodAsync(SocketIOServerEvent e)
    {
        if (!TryReadAsset(e, out var request, out var asset) || !TryInt(request, "period", out var period) || period < 1
            || !request.TryGetProperty("index", out var index) || index.ValueKind != JsonValueKind.Number)
        {
            return ValueTask.CompletedTask;
        }

        var now = _simulator.TimeProvider.GetUtcNow();
        var time = request.TryGetProperty("time", out var t) && t.TryGetDouble(out var seconds)
            ? DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(seconds)
            : now;
        var offset = request.TryGetProperty("offset", out var o) && o.TryGetInt64(out var off) ? off : 0;
        var json = HistoryJson.LoadHistoryPeriod(_simulator.Feed, asset, period, time, offset, index, now);
        return _simulator.Emit.SendAsync(_socket, e.Name, json);
    }

    private void Tick()
    {
        var now = _simulator.TimeProvider.GetUtcNow();
        lock (_streamGate)
        {
            if (_streamsClosed)
            {
                return;
            }

            foreach (var (symbol, (asset, last)) in _streams)
            {
                var step = PriceFeed.StepAt(asset, now);
                if (step <= last)
                {
                    continue;
                }

                _streams[symbol] = (asset, step);
                _simulator.Emit.Post(_socket, "updateStream", PocketJson.StreamTick(symbol, _simulator.Feed.TickAt(symbol, now)));
            }
        }
    }

    private TimeSpan UntilNextBoundary(TimeSpan interval)
    {
        var ticks = (_simulator.TimeProvider.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks;
        return TimeSpan.FromTicks(interval.Ticks - (((ticks % interval.Ticks) + interval.Ticks) % interval.Ticks));
    }

    private void DetachStreams()
    {
        lock (_streamGate)
        {
            _streamsClosed = true;
            _ticker?.Dispose();
            _ticker = null;
        }
    }

    private bool TryReadAsset(SocketIOServerEvent e, out JsonElement request, out SimulatedAsset asset)
    {
        asset = null!;
        request = e.Arguments.Count > 0 ? e.Arguments[0] : default;
        return request.ValueKind == JsonValueKind.Object
            && request.TryGetProperty("asset", out var symbol) && symbol.ValueKind == JsonValueKind.String
            && _simulator.Feed.TryGetAsset(symbol.GetString()!, out asset);
    }

    private static bool TryInt(JsonElement request, string name, out int value)
    {
        value = 0;
        if (!request.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.Number)
        {
            return false;
        }

        if (element.TryGetInt32(out value))
        {
            return true;
        }

        // A float that is a whole number (60.0) is accepted.
        if (element.TryGetDouble(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
        {
            value = (int)d;
            return true;
        }

        return false;
    }
}
