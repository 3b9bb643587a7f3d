namespace Protocol;

/// <summary>Creates a fresh, unconnected <see cref="IConnection"/> for one connection attempt.</summary>
/// <returns>A new connection; the runtime connects it, uses it for one session and disposes it.</returns>
public delegate IConnection ConnectionFactory();
