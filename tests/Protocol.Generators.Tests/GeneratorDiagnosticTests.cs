using Microsoft.CodeAnalysis;
using Protocol.Generators.Messages;
using Protocol.Generators.Modules;
using Protocol.Generators.Tests.Infrastructure;

namespace Protocol.Generators.Tests;

/// <summary>
/// Declaration mistakes as a build meets them: the generators (not an analyzer, which the command-line compiler skips once the
/// compilation has a declaration error) report the PROTO error, and what they still generate keeps the user's own code compiling,
/// so that error is the only one.
/// </summary>
public class GeneratorDiagnosticTests
{
    private const string Messages = """
        using System.Threading.Tasks;
        using Protocol;
        namespace Shop;
        [ProtocolMessage("open")] public sealed partial class Open { public int Id { get; set; } }
        [ProtocolMessage("opened")] public sealed partial class Opened { public int Id { get; set; } }
        [ProtocolMessage("quote")] public sealed partial class Quote { public string Asset { get; set; } = ""; }
        public sealed class ShopState { public int Seen { get; set; } }

        """;

    // The user's code around a module: its API members called, its AddXxx() registered, its API type in a declaration (a
    // declaration error is what makes the compiler skip analyzers), its Context used in its own handler.
    private const string TradingUse = """
        public static class Use
        {
            public static async Task Go(Client<ShopState> client)
            {
                var api = client.GetApi<TradingApi>();
                Opened opened = await api.OpenAsync(new Open { Id = 1 });
                await api.SendOpenAsync(new Open { Id = 2 });
                await using var quotes = await api.SubscribeQuotesAsync("EURUSD");
                using var wait = api.WaitClosed(opened.Id);
                _ = api.PendingCommands;
            }

            public static ClientBuilder<ShopState> Register(ClientBuilder<ShopState> builder) => builder.AddTradingModule();
        }

        public sealed class Holder { public TradingApi? Api { get; set; } }

        """;

    private const string BrokenTrading = Messages + TradingUse + """
        [ProtocolModule("trading", typeof(ShopState))]
        [ModuleSend(typeof(Open), Name = "SendOpen")]
        public sealed partial class TradingModule
        {
            [ModuleCommand] private bool Open(Open request, Opened response) => request.Id == response.Id;
            [ModuleKeyedStream("Quotes")] private static string Asset(Quote quote) => quote.Asset;
            [ModuleWait] private static bool Closed(int id, Opened opened) => opened.Id == id;
            [ModuleHandler] private void OnQuote(Quote quote) => Context.State.Seen++;
        }
        """;

    [Fact]
    public void A_module_command_of_the_wrong_shape_is_reported_by_the_generator_and_the_users_calls_still_bind()
    {
        var (_, output, reported) = Harness.RunReporting(WithMessages(BrokenTrading), new ModuleGenerator());

        var error = reported.ShouldHaveSingleItem();
        error.Id.ShouldBe("PROTO015");
        error.Severity.ShouldBe(DiagnosticSeverity.Error);
        error.GetMessage().ShouldBe("Module 'Shop.TradingModule': [ModuleCommand] 'Open' has the wrong shape; write it as 'static bool Name(TRequest request, TResponse response)' returning whether the response answers the request");

        // At the method's name, in the user's file (the second source: the first holds the fixture messages).
        var span = error.Location.GetLineSpan();
        span.Path.ShouldBe("Source1.cs");
        var line = BrokenTrading.Split('\n')[span.StartLinePosition.Line];
        line.ShouldContain("[ModuleCommand] private bool Open(");
        line.Substring(span.StartLinePosition.Character, 4).ShouldBe("Open");

        // No CS0246 on TradingApi, no CS1061 on OpenAsync or AddTradingModule, no CS0103 on Context.
        output.Errors().ShouldBeEmpty();
    }

    [Fact]
    public void The_declared_API_of_a_broken_module_is_bodiless_so_nothing_of_it_can_run()
    {
        var (driver, _, _) = Harness.RunReporting(WithMessages(Messages + """
            [ProtocolModule("trading", typeof(ShopState))]
            public sealed partial class TradingModule
            {
                [ModuleCommand] private bool Open(Open request, Opened response) => true;
            }
            """), new ModuleGenerator());

        var text = driver.GetRunResult().GeneratedTrees.Single().GetText().ToString();
        text.ShouldContain("public extern global::System.Threading.Tasks.Task<global::Shop.Opened> OpenAsync(global::Shop.Open request, global::System.TimeSpan? timeout = null, global::System.Threading.CancellationToken cancellationToken = default);");
        text.ShouldContain("public static extern global::Protocol.ClientBuilder<global::Shop.ShopState> AddTradingModule(this global::Protocol.ClientBuilder<global::Shop.ShopState> builder);");
        text.ShouldContain("partial class TradingModule : global::Protocol.ApiModule<global::Shop.ShopState, global::Shop.TradingApi>");

        // No routes, no commands, no registration with the client: nothing the runtime could dispatch to.
        text.ShouldNotContain("Routes(");
        text.ShouldNotContain("AddModule<");
        text.ShouldNotContain("=>");
    }

    [Fact]
    public void Each_kind_of_module_mistake_is_reported_once_by_the_generator_without_a_cascade()
    {
        var (_, output, reported) = Harness.RunReporting(WithMessages(Messages + """
            [ProtocolModule("empty", typeof(ShopState))] public sealed partial class EmptyModule;
            [ProtocolModule("np", typeof(ShopState))] [ModuleSend(typeof(Open))] public sealed class NotPartialModule;
            [ProtocolModule("keyed", typeof(ShopState))]
            public sealed partial class KeyedModule
            {
                [ModuleKeyedStream("Ticks")] private static string Asset(Quote quote) => quote.Asset;
                [ModuleStreamStart("Ticks")] private static Open Focus(int asset) => new();
                [ModuleHandler] private void OnQuote(Quote quote) => Context.State.Seen++;
            }
            [ProtocolModule("wait", typeof(ShopState))]
            public sealed partial class WaitModule
            {
                [ModuleWait] private static bool Closed(string id, int notAMessage) => true;
                [ModuleOnReady] private ValueTask Burst(ReadyContext<ShopState> ready) => default;
            }
            [ProtocolModule("ctor", typeof(ShopState))] [ModuleSend(typeof(Open))]
            public sealed partial class CtorModule { public CtorModule() { } }
            public static class Use
            {
                public static async Task Go(Client<ShopState> client, ClientBuilder<ShopState> builder)
                {
                    builder.AddEmptyModule().AddNotPartialModule().AddKeyedModule().AddWaitModule().AddCtorModule();
                    await client.GetApi<NotPartialApi>().OpenAsync(new Open());
                    await using var ticks = await client.GetApi<KeyedApi>().SubscribeTicksAsync("EURUSD");
                    using var wait = client.GetApi<WaitApi>().WaitClosed("id");
                    await client.GetApi<CtorApi>().OpenAsync(new Open());
                }
            }
            public sealed class Holder { public EmptyApi? A { get; set; } public KeyedApi? B { get; set; } }
            """), new ModuleGenerator());

        reported.Select(d => d.Id).Order().ShouldBe(["PROTO001", "PROTO007", "PROTO015", "PROTO018", "PROTO021", "PROTO031"]);

        // The one cascade no generated code can prevent: a constructor of a class that cannot take the generated base class
        // is the PROTO015 itself, and the not-partial module has no Context. Everything the user calls binds.
        output.Errors().ShouldBeEmpty();
    }

    [Fact]
    public void A_module_sending_an_incoming_only_message_reports_PROTO033_from_the_generator_and_its_send_still_binds()
    {
        var (_, output, reported) = Harness.RunReporting(WithMessages(Messages + """
            [ProtocolMessage("answer", Direction = WireDirection.Incoming)] public sealed partial class Answer { public int Id { get; set; } }
            [ProtocolModule("directed", typeof(ShopState))]
            [ModuleSend(typeof(Answer))]
            public sealed partial class DirectedModule
            {
                [ModulePeriodic(Seconds = 20)] private static Answer Ping() => new();
                [ModuleHandler] private void OnQuote(Quote quote) => Context.State.Seen++;
            }
            public static class Use
            {
                public static Task Go(Client<ShopState> client) => client.GetApi<DirectedApi>().AnswerAsync(new Answer());
                public static ClientBuilder<ShopState> Register(ClientBuilder<ShopState> builder) => builder.AddDirectedModule();
            }
            """), new ModuleGenerator());

        reported.Select(d => d.Id).ShouldBe(["PROTO033", "PROTO033"]);
        output.Errors().ShouldBeEmpty();
    }

    [Fact]
    public void A_module_using_a_message_the_message_generator_refuses_reports_only_the_messages_error_and_no_CS0311()
    {
        // Both generators in one run, as in a build: the module generator sees the message unprocessed either way.
        var (_, output, reported) = Harness.RunReporting(Harness.Compile(Messages + """
            [ProtocolMessage("upload")] public sealed partial class Upload { public System.IO.Stream? Body { get; set; } }
            [ProtocolModule("files", typeof(ShopState))]
            [ModuleSend(typeof(Upload))]
            public sealed partial class FilesModule
            {
                [ModuleCommand] private static bool Open(Open request, Opened response) => request.Id == response.Id;
                [ModuleHandler] private void OnQuote(Quote quote) => Context.State.Seen++;
            }
            public static class Use
            {
                public static async Task Go(Client<ShopState> client)
                {
                    await client.GetApi<FilesApi>().UploadAsync(new Upload());
                    await client.GetApi<FilesApi>().OpenAsync(new Open());
                }
            }
            """), new MessageGenerator(), new ModuleGenerator());

        reported.ShouldHaveSingleItem().Id.ShouldBe("PROTO003");
        output.Errors().ShouldBeEmpty();
    }

    [Fact]
    public void Invalid_messages_are_reported_by_the_message_generator_and_generate_no_serializer()
    {
        var (driver, _, reported) = Harness.RunReporting(Harness.Compile("""
            using Protocol;
            [ProtocolMessage("x")] public class NotPartial { public string A { get; set; } = ""; }
            [ProtocolMessage("y")] public partial class BadMember { public System.IO.Stream? S { get; set; } }
            [ProtocolMessage("open order")] public partial class BadName { public int A { get; set; } }
            """), new MessageGenerator());

        reported.Select(d => d.Id).ShouldBe(["PROTO001", "PROTO003", "PROTO008"]);

        // The two partial ones get a declaration-only shell (the not-partial one cannot take a partial): the contracts, no body.
        var shells = driver.GetRunResult().GeneratedTrees.Select(t => t.GetText().ToString()).ToList();
        shells.Count.ShouldBe(2);
        shells.ShouldAllBe(text => text.Contains("public static extern bool TryRead(ref global::System.Text.Json.Utf8JsonReader reader", StringComparison.Ordinal)
            && text.Contains("public extern void WriteEnvelope(", StringComparison.Ordinal) && !text.Contains("=>", StringComparison.Ordinal) && !text.Contains("return ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_refused_message_or_wire_type_still_satisfies_the_contracts_its_users_and_the_generated_code_need()
    {
        var (_, output, reported) = Harness.RunReporting(Harness.Compile("""
            using System.Threading.Tasks;
            using Protocol;
            namespace Files;
            [ProtocolMessage("upload")] public sealed partial class Upload { public System.IO.Stream? Body { get; set; } }
            [ProtocolMessage("listing", Direction = WireDirection.Incoming)] public sealed partial class Listing { public int Count { get; } }
            [WireType] public sealed partial class Entry { public System.Action? Callback { get; set; } }
            [ProtocolMessage("folder")] public sealed partial class Folder { public Entry[] Entries { get; set; } = []; }
            public static class Use
            {
                public static ValueTask Send<TState>(Client<TState> client) where TState : class => client.SendAsync(new Upload());
                public static string Name => Upload.WireName + Listing.WireName;
                public static bool Read(MessageView view) => Listing.Matches(view) && Listing.TryRead(view, out _);
            }
            """), new MessageGenerator());

        reported.Select(d => d.Id).ShouldBe(["PROTO003", "PROTO011", "PROTO003"]);

        // No CS0311 on SendAsync, no CS0117 on WireName or Matches, none in Folder's generated reader and writer calling Entry's.
        output.Errors().ShouldBeEmpty();
    }

    [Fact]
    public void A_model_that_carries_diagnostics_caches_and_a_rerun_still_reports_them()
    {
        var compilation = WithMessages(BrokenTrading);
        Harness.AssertIncremental(new ModuleGenerator(), compilation, [TrackingNames.ModuleModels, TrackingNames.Modules]);

        var (driver, _, first) = Harness.RunReporting(compilation, new ModuleGenerator());
        first.ShouldHaveSingleItem().Id.ShouldBe("PROTO015");
        var rerun = driver.RunGeneratorsAndUpdateCompilation(compilation.Clone(), out _, out var again);
        again.ShouldHaveSingleItem().Id.ShouldBe("PROTO015");
        rerun.GetRunResult().Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs)
            .ShouldAllBe(o => o.Reason == IncrementalStepRunReason.Cached);
    }

    // The module generator never sees the message generator's output, so the (valid) messages' code is generated first, as
    // it is in a real build where both run on the same compilation and the compiler then sees both outputs.
    private static Compilation WithMessages(string source) => ModuleGeneratorTests.WithMessages(source);
}
