using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Protocol.Generators.Messages;
using Protocol.Generators.Modules;
using Protocol.Generators.Tests.Infrastructure;

namespace Protocol.Generators.Tests;

public class ModuleGeneratorTests
{
    internal static string ModuleSource([CallerFilePath] string here = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "Fixtures", "TradesModule.cs"));

    internal static string MarketModuleSource([CallerFilePath] string here = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "Fixtures", "MarketModule.cs"));

    // The module generator never sees the message generator's output (generators run side by side), so the messages' code is
    // generated first, as it is in a real build, and the module generator runs on that compilation.
    internal static Compilation WithMessages(params string[] moduleSources)
    {
        var (_, withMessages, _) = Harness.Run(new MessageGenerator(), Harness.Compile([MessageGeneratorTests.FixtureSource(), .. moduleSources]));
        return withMessages;
    }

    [Fact]
    public void A_module_with_handlers_only_is_generated_and_its_handlers_reach_the_module_context()
    {
        var (_, output, result) = Harness.Run(new ModuleGenerator(), WithMessages("""
            using Protocol;
            using Protocol.Generators.Tests.Fixtures;
            namespace Watchers;
            public sealed class WatchState { public decimal Balance { get; set; } }
            [ProtocolModule("balance-watch", typeof(WatchState))]
            public sealed partial class BalanceWatchModule
            {
                [ModuleHandler] private void OnBalance(BalanceUpdate update) => Context.State.Balance = update.Balance;
            }
            """));

        // No PROTO007 any more, and no cascading CS0103 on Context: the module, its Routes and its (empty) API are generated.
        result.GeneratedSources.ShouldNotBeEmpty();
        output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ShouldBeEmpty();
    }

    internal static string SessionModuleSource([CallerFilePath] string here = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "Fixtures", "SessionModule.cs"));

    [Fact]
    public void A_background_module_registers_its_on_Ready_hook_and_periodic_send_in_its_AddXxx_and_compiles_cleanly()
    {
        var (_, output, result) = Harness.Run(new ModuleGenerator(), WithMessages(SessionModuleSource()));
        output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1591").ShouldBeEmpty();
        Harness.MatchBaselines(result, "LifecycleModules");
        var text = result.GeneratedSources.Single(s => s.HintName.Contains("SessionModule", StringComparison.Ordinal)).SourceText.ToString();
        text.ShouldContain("builder.OnReady(\"session.Burst\", static (context, cancellationToken) => global::Protocol.Generators.Tests.Fixtures.SessionModule.Burst(context, cancellationToken));");
        text.ShouldContain("builder.Every<global::Protocol.Generators.Tests.Fixtures.KeepAlive>(\"session.Ping\", global::System.TimeSpan.FromSeconds(20), static state => global::Protocol.Generators.Tests.Fixtures.SessionModule.Ping());");
        text.ShouldContain("global::Protocol.Generators.Tests.Fixtures.SessionModule.RegisterLifecycle(builder);");
    }

    [Fact]
    public void Trades_module_matches_its_baseline_and_compiles_cleanly()
    {
        var (_, output, result) = Harness.Run(new ModuleGenerator(), WithMessages(ModuleSource()));
        output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1591").ShouldBeEmpty();
        output.GetDiagnostics().Where(d => d.Location.SourceTree?.FilePath.EndsWith("Module.g.cs", StringComparison.Ordinal) == true).ShouldBeEmpty();
        Harness.MatchBaselines(result, "Modules");
    }

    [Fact]
    public void Market_module_with_a_keyed_stream_and_a_wait_matches_its_baseline_and_compiles_cleanly()
    {
        var (_, output, result) = Harness.Run(new ModuleGenerator(), WithMessages(MarketModuleSource()));
        output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1591").ShouldBeEmpty();
        output.GetDiagnostics().Where(d => d.Location.SourceTree?.FilePath.EndsWith("Module.g.cs", StringComparison.Ordinal) == true).ShouldBeEmpty();
        Harness.MatchBaselines(result, "KeyedModules");
        var text = result.GeneratedSources.Single(s => s.HintName.Contains("MarketModule", StringComparison.Ordinal)).SourceText.ToString();

        // The start messages in declaration order, the stop, the nullable key selector (null drops the tick), the routes.
        text.ShouldContain("new global::System.Func<string, global::Protocol.IOutgoingMessage>[] { static key => global::Protocol.Generators.Tests.Fixtures.MarketModule.Focus(key), static key => global::Protocol.Generators.Tests.Fixtures.MarketModule.Subscribe(key) }");
        text.ShouldContain("static key => global::Protocol.Generators.Tests.Fixtures.MarketModule.Unsubscribe(key), global::Protocol.Generators.Tests.Fixtures.MarketModule.AssetComparer);");
        text.ShouldContain("static message => global::Protocol.Generators.Tests.Fixtures.MarketModule.TickAsset(message)!,");
        text.ShouldContain("routes.Publish<global::Protocol.Generators.Tests.Fixtures.UpdateStream, string>(static api => api.Ticks);");
        text.ShouldContain("routes.CompleteWait<string, global::Protocol.Generators.Tests.Fixtures.SuccessCloseOrder>(static api => api.DealClosedWaits);");
        text.ShouldContain("public global::Protocol.InboundWait<global::Protocol.Generators.Tests.Fixtures.SuccessCloseOrder> WaitDealClosed(string dealId)");
    }

    internal static string SignedMarketModuleSource([CallerFilePath] string here = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "Fixtures", "SignedMarketModule.cs"));

    [Fact]
    public void Start_and_stop_messages_that_take_the_state_get_it_bound_once_per_client_when_the_API_is_created()
    {
        var (_, output, result) = Harness.Run(new ModuleGenerator(), WithMessages(SignedMarketModuleSource()));
        output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1591").ShouldBeEmpty();
        var text = result.GeneratedSources.Single(s => s.HintName.Contains("SignedMarketModule", StringComparison.Ordinal)).SourceText.ToString();
        const string Module = "global::Protocol.Generators.Tests.Fixtures.SignedMarketModule";
        const string State = "global::Protocol.Generators.Tests.Fixtures.SignedMarketState";

        // The state reaches the API once (CreateApi, the constructor), the set's builders capture it: not static, not per message.
        text.ShouldContain($"public static global::Protocol.Generators.Tests.Fixtures.SignedMarketApi CreateApi(global::Protocol.CommandChannel commands, {State} state) => new(commands, state);");
        text.ShouldContain($"internal static global::Protocol.Infrastructure.KeyedSubscriptionSet<string, global::Protocol.Generators.Tests.Fixtures.UpdateStream> CreateTicksStream(global::Protocol.CommandChannel commands, {State} state) => new(");
        text.ShouldContain($"new global::System.Func<string, global::Protocol.IOutgoingMessage>[] {{ key => {Module}.Subscribe(key, state) }},");
        text.ShouldContain($"    key => {Module}.Unsubscribe(key, state));");
        text.ShouldContain($"Ticks = {Module}.CreateTicksStream(commands, state);");
    }

    [Fact]
    public void A_keyed_stream_without_start_or_stop_messages_is_allowed_and_routes_only()
    {
        var (_, output, result) = Harness.Run(new ModuleGenerator(), WithMessages("""
            using Protocol;
            using Protocol.Generators.Tests.Fixtures;
            namespace Unasked;
            public sealed class UnaskedState;
            [ProtocolModule("unasked", typeof(UnaskedState))]
            public sealed partial class UnaskedModule
            {
                [ModuleKeyedStream("Balances")]
                private static int Demo(BalanceUpdate update) => update.IsDemo;
            }
            """));
        output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1591").ShouldBeEmpty();
        var text = result.GeneratedSources.Single().SourceText.ToString();
        text.ShouldContain("global::System.Array.Empty<global::System.Func<int, global::Protocol.IOutgoingMessage>>(),");
        text.ShouldContain("public global::System.Threading.Tasks.Task<global::Protocol.Subscription<global::Protocol.Generators.Tests.Fixtures.BalanceUpdate>> SubscribeBalancesAsync(int key,");
    }

    [Fact]
    public void A_documented_module_in_a_nested_internal_type_with_keyword_names_compiles_with_docs_on_and_no_warnings()
    {
        var source = """
            using System.Threading;
            using System.Threading.Tasks;
            using Protocol;
            namespace Acme.Modules;
            /// <summary>State.</summary>
            public sealed class AcmeState { /// <summary>Ticks.</summary>
            public int Ticks { get; set; } }
            /// <summary>Holder.</summary>
            internal static partial class Holder
            {
                /// <summary>Quotes only: a stream, a send and an async handler.</summary>
                [ProtocolModule("quotes", typeof(AcmeState), Api = "Quotes")]
                [ModuleStream(typeof(Protocol.Generators.Tests.Fixtures.UpdateStream), "event")]
                [ModuleSend(typeof(Protocol.Generators.Tests.Fixtures.ChangeSymbol), Name = "Watch")]
                public sealed partial class QuotesModule
                {
                    [ModuleHandler]
                    private static void @checked(Protocol.Generators.Tests.Fixtures.UpdateStream update) { }

                    [ModuleHandler]
                    private ValueTask CountAsync(Protocol.Generators.Tests.Fixtures.UpdateStream update, CancellationToken cancellationToken)
                    {
                        Context.State.Ticks += update.Ticks.Length;
                        return default;
                    }
                }
            }
            """;
        var (_, output, result) = Harness.Run(new ModuleGenerator(), WithMessages(source));
        output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.Contains("Fixtures", StringComparison.Ordinal) != true && d.Id != "CS1591")
            .ShouldBeEmpty();
        output.GetDiagnostics().Where(d => d.Location.SourceTree?.FilePath.EndsWith("Module.g.cs", StringComparison.Ordinal) == true).ShouldBeEmpty();
        var text = result.GeneratedSources.Single().SourceText.ToString();
        text.ShouldContain("internal sealed partial class Quotes");
        text.ShouldContain("Subscribeevent("); // a keyword as a stream name and a handler name comes out escaped where it stands alone
        text.ShouldContain(".@checked(");
        text.ShouldContain("internal static class QuotesModuleRegistration");
        text.ShouldContain("public global::System.Threading.Tasks.Task WatchAsync(global::Protocol.Generators.Tests.Fixtures.ChangeSymbol message");
    }

    [Fact]
    public void Run_twice_and_edit_elsewhere_leave_every_output_cached() =>
        Harness.AssertIncremental(new ModuleGenerator(), WithMessages(ModuleSource()), [TrackingNames.ModuleModels, TrackingNames.Modules]);

    [Fact]
    public void Run_twice_and_edit_elsewhere_leave_a_keyed_stream_and_a_wait_cached() =>
        Harness.AssertIncremental(new ModuleGenerator(), WithMessages(MarketModuleSource()), [TrackingNames.ModuleModels, TrackingNames.Modules]);

    [Fact]
    public void Run_twice_and_edit_elsewhere_leave_an_on_Ready_hook_and_a_periodic_send_cached() =>
        Harness.AssertIncremental(new ModuleGenerator(), WithMessages(SessionModuleSource()), [TrackingNames.ModuleModels, TrackingNames.Modules]);
}
