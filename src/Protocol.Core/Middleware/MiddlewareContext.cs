
namespace Protocol;

/// <summary>What middleware hooks can see.</summary>
/// <typeparam name="TState">The client's state type.</typeparam>
public sealed class MiddlewareContext<TState>
    where TState : class
{
    private readonly IClientRuntime _runtime;

    internal MiddlewareContext(TState state, IClientRuntime runtime)
    {
        State = state;
        _runtime = runtime;
    }

    /// <summary>The client's state.</summary>
    public TState State { get; }

    /// <summary>The client's clock.</summary>
    public TimeProvider TimeProvider => _runtime.TimeProvider;

    /// <summary>The connection state now.</summary>
    public ConnectionState ConnectionState => _runtime.ConnectionState;
}
