using System.ComponentModel;

namespace Protocol.ExpertOption.Wire.Candles;

/// <summary>
/// The key of the client's candle stream: an asset id, compared by the id alone. The key a subscriber records also carries the
/// client's state, because every <c>subscribeCandles</c> is signed with the session token and numbered with the next
/// <c>ns</c>, and the stream's start message is built from the key (on the first subscribe and again after every login).
/// What the client uses; not needed by callers.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct CandleStreamKey : IEquatable<CandleStreamKey>
{
    internal CandleStreamKey(int assetId, ExpertOptionState? state)
    {
        AssetId = assetId;
        State = state;
    }

    /// <summary>The asset id.</summary>
    public int AssetId { get; }

    // Null in the key read from a push (a lookup only); set in every key a subscriber records.
    internal ExpertOptionState? State { get; }

    /// <inheritdoc />
    public bool Equals(CandleStreamKey other) => AssetId == other.AssetId;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CandleStreamKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => AssetId;

    /// <summary>The asset id (never the state or its token).</summary>
    /// <returns>The asset id as text.</returns>
    public override string ToString() => AssetId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether two keys name the same asset.</summary>
    /// <param name="left">A key.</param>
    /// <param name="right">Another key.</param>
    /// <returns>True when the asset ids are equal.</returns>
    public static bool operator ==(CandleStreamKey left, CandleStreamKey right) => left.Equals(right);

    /// <summary>Whether two keys name different assets.</summary>
    /// <param name="left">A key.</param>
    /// <param name="right">Another key.</param>
    /// <returns>True when the asset ids differ.</returns>
    public static bool operator !=(CandleStreamKey left, CandleStreamKey right) => !left.Equals(right);
}
