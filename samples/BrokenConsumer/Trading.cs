using Protocol;

namespace Broken;

/// <summary>Opens a deal.</summary>
[ProtocolMessage("open")]
public sealed partial class Open
{
    /// <summary>The deal's id.</summary>
    public int Id { get; set; }
}

/// <summary>The deal was opened.</summary>
[ProtocolMessage("opened")]
public sealed partial class Opened
{
    /// <summary>The deal's id.</summary>
    public int Id { get; set; }
}

/// <summary>The third mistake: a command that is an instance method (PROTO015), called below as if it were fine.</summary>
[ProtocolModule("trading", typeof(State))]
public sealed partial class TradingModule
{
    [ModuleCommand]
    private bool Open(Open request, Opened response) => request.Id == response.Id;

    [ModuleHandler]
    private void OnOpened(Opened opened) => Context.State.LastOpened = opened.Id;
}

/// <summary>
/// The user's code around it: the API type in a declaration (a declaration error would make the compiler skip analyzers), its
/// command called, the module registered. The generator still declares them, so PROTO015 is the only error.
/// </summary>
public sealed class Trader(TradingApi api)
{
    /// <summary>The module's API.</summary>
    public TradingApi Api { get; } = api;

    /// <summary>Registers the module.</summary>
    /// <param name="builder">The client builder.</param>
    /// <returns>The builder.</returns>
    public static ClientBuilder<State> Register(ClientBuilder<State> builder) => builder.AddTradingModule();

    /// <summary>Opens a deal.</summary>
    /// <param name="id">The deal's id.</param>
    /// <returns>The answer.</returns>
    public Task<Opened> OpenAsync(int id) => Api.OpenAsync(new Open { Id = id });
}
