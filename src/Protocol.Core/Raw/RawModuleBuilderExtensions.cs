using Protocol.Runner;

namespace Protocol.Raw;

/// <summary>Registers the raw module.</summary>
public static class RawModuleBuilderExtensions
{
    /// <summary>
    /// Adds the raw module: a lightweight handler that offers every message to the registered validators, and a
    /// <see cref="RawHandle"/> available from <c>client.GetHandle&lt;RawHandle&gt;()</c>.
    /// </summary>
    /// <typeparam name="TState">The client's state type.</typeparam>
    /// <param name="builder">The builder.</param>
    public static ClientBuilder<TState> AddRawModule<TState>(this ClientBuilder<TState> builder)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        var handle = new RawHandle();
        return builder
            .AddLightweightHandler("raw", (message, _) => handle.Dispatch(message))
            .AddRuntimeHandle(runtime =>
            {
                handle.Attach(runtime);
                return handle;
            });
    }
}
