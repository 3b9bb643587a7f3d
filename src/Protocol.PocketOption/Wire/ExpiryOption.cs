
namespace Protocol.PocketOption.Wire;

/// <summary>One allowed expiry of an asset row: <c>{"time":60}</c> (seconds).</summary>
[WireType]
public sealed partial class ExpiryOption
{
    /// <summary>The expiry in seconds.</summary>
    public int Time { get; set; }
}
