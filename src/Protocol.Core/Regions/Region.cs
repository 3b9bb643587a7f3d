namespace Protocol;

/// <summary>A server region: its WebSocket URL and location (generated from a platform's <c>regions.json</c>).</summary>
/// <param name="Name">The region's name in the file, e.g. <c>EUROPE</c>.</param>
/// <param name="Url">The WebSocket URL.</param>
/// <param name="Latitude">Degrees north.</param>
/// <param name="Longitude">Degrees east.</param>
/// <param name="IsDemo">Whether the region serves demo accounts.</param>
public sealed record Region(string Name, string Url, double Latitude, double Longitude, bool IsDemo);
