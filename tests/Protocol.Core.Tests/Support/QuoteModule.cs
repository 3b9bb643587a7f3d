using Protocol.Infrastructure;

namespace Protocol.Core.Tests.Support;

// A module written the way the generator writes one with a keyed stream: its Routes feed the API's keyed set from
// the dispatch table; the set starts an asset with changeSymbol then subfor and stops it with unsubfor.
public sealed class QuoteModule(ModuleContext<TestState> context, QuoteApi api)
    : ApiModule<TestState, QuoteApi>(context, api), IApiModuleDefinition<QuoteModule, TestState, QuoteApi>
{
    public static string ModuleName => "quotes";

    public static void Routes(ModuleRoutes<TestState, QuoteModule, QuoteApi> routes) => routes.Publish(h => h.Quotes);

    public static QuoteApi CreateApi(CommandChannel commands, TestState state) => new(commands);

    public static QuoteModule Create(ModuleContext<TestState> context, QuoteApi api) => new(context, api);
}

public sealed class QuoteApi(CommandChannel commands)
{
    public KeyedSubscriptionSet<string, Quote> Quotes { get; } = new(
        commands,
        "Quotes",
        quote => quote.Asset,
        [asset => new AssetAction("changeSymbol", asset), asset => new AssetAction("subfor", asset)],
        asset => new AssetAction("unsubfor", asset));

    public Task<Subscription<Quote>> SubscribeQuotesAsync(string asset, SubscriptionOptions? options = null, CancellationToken cancellationToken = default)
        => Quotes.SubscribeAsync(asset, options, cancellationToken);
}

public static class QuoteModuleRegistration
{
    public static ClientBuilder<TestState> AddQuoteModule(this ClientBuilder<TestState> builder) => builder.AddModule<QuoteModule, QuoteApi>();
}
