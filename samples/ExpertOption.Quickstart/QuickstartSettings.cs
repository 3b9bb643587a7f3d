namespace ExpertOption.Quickstart;

/// <summary>How long the quickstart runs each part, and on which clock (tests pass an accelerated one).</summary>
public sealed class QuickstartSettings
{
    /// <summary>The clock of the client, the embedded simulator and every wait. Default: the system clock (normal speed).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How many candles are streamed before the trade. Default 2.</summary>
    public int CandleCount { get; init; } = 2;

    /// <summary>The longest the candles are streamed, whether or not <see cref="CandleCount"/> closed. Default 15 s.</summary>
    public TimeSpan CandleDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The candle period (time-aligned). Default 5 s.</summary>
    public TimeSpan CandlePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The demo trade's stake. Default 1 (the platform's usual minimum).</summary>
    public decimal Amount { get; init; } = 1m;

    /// <summary>How long connecting may take. Default 30 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a request may take. Default 15 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long after the expiry the result is still waited for. Default 10 s.</summary>
    public TimeSpan ResultGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the progress line is refreshed while the trade runs. Default 1 s.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);
}
