namespace Protocol;

/// <summary>
/// A running module instance. The supervisor calls <see cref="RunAsync"/> once per instance: returning ends the module
/// for good; throwing is a crash, after which a fresh instance is created (with backoff) and run on the same inbox.
/// Most modules derive from <see cref="ApiModule{TState, TApi}"/> or <see cref="LightweightModule{TState}"/>.
/// </summary>
public interface IModule
{
    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled (client disposal).</summary>
    /// <param name="cancellationToken">Cancelled when the client is disposed.</param>
    Task RunAsync(CancellationToken cancellationToken);
}
