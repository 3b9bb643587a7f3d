using Protocol;

namespace Protocol.ExpertOption.Wire.Candles;

/// <summary>One row of a <see cref="CandlesPush"/>: a tick (<c>tf</c> 0) or a bar.</summary>
[WireType]
public sealed partial class CandleRow
{
    /// <summary>The timeframe in seconds; 0 for a tick.</summary>
    public int Tf { get; set; }

    /// <summary>A tick's time, or a bar's start time, in (fractional) Unix seconds.</summary>
    public double T { get; set; }

    /// <summary>The tick time, in (fractional) Unix seconds.</summary>
    [WireOptional]
    public double Tt { get; set; }

    /// <summary>[price] for a tick; [open, high, low, close] for a bar (there is no volume).</summary>
    public List<decimal> V { get; set; } = [];

    /// <summary>Whether this is a tick with its one price.</summary>
    [WireIgnore]
    public bool IsTick => Tf == 0 && V.Count >= 1;

    /// <summary>Whether this is a bar with its four prices.</summary>
    [WireIgnore]
    public bool IsBar => Tf > 0 && V.Count >= 4;
}
