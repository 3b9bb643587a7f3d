
namespace Protocol;

/// <summary>Registers the raw module.</summary>
public static class RawModuleBuilderExtensions
{
    /// <summary>
    /// Adds the raw module: a lightweight handler that offers every message to the registered validators (a message one of them
    /// matches is not reported as an unknown event), and a <see cref="RawApi"/> available from <c>client.GetApi&lt;RawApi&gt;()</c>,
    /// whose keep-alive messages are sent while Ready and again after every login.
    /// </summary>
    /// <typeparam name="TState">The client's state type.</typeparam>
    /// <param name="builder">The builder.</param>
    public static ClientBuilder<TState> AddRawModule<TState>(this ClientBuilder<TState> builder)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        var api = new RawApi();
        return builder
            .AddLightweightMatcher("raw", (message, _) => api.Dispatch(message))
            .AddRuntimeApi(runtime =>
            {
                api.Attach(runtime);
                return api;
            });
    }
}
