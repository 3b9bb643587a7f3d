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

    // The module generator never sees the message generator's output (generators run side by side), so the messages' code is
    // generated first, as it is in a real build, and the module generator runs on that compilation.
    internal static Compilation WithMessages(params string[] moduleSources)
    {
        var (_, withMessages, _) = Harness.Run(new MessageGenerator(), Harness.Compile([MessageGeneratorTests.FixtureSource(), .. moduleSources]));
        return withMessages;
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
    public void A_documented_module_in_a_nested_internal_type_with_keyword_names_compiles_with_docs_on_and_no_warnings()
    {
        var source = """
            using System.Threading;
            using System.Threading.Tasks;
            using Protocol.Attributes;
            namespace Acme.Modules;
            /// <summary>State.</summary>
            public sealed class AcmeState { /// <summary>Ticks.</summary>
            public int Ticks { get; set; } }
            /// <summary>Holder.</summary>
            internal static partial class Holder
            {
                /// <summary>Quotes only: a stream, a send and an async handler.</summary>
                [ProtocolModule("quotes", typeof(AcmeState), Handle = "Quotes")]
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
    public void Invalid_modules_generate_nothing_rather_than_broken_code()
    {
        var (_, _, result) = Harness.Run(new ModuleGenerator(), WithMessages("""
            using Protocol.Attributes;
            using Protocol.Generators.Tests.Fixtures;
            namespace Bad;
            [ProtocolModule("empty", typeof(TradingState))] public sealed partial class EmptyModule;
            [ProtocolModule("np", typeof(TradingState))] [ModuleSend(typeof(ChangeSymbol))] public sealed class NotPartialModule;
            [ProtocolModule("shape", typeof(TradingState))]
            public sealed partial class ShapeModule
            {
                [ModuleCommand] private bool Instance(OpenOrder request, SuccessOpenOrder response) => true;
            }
            """));
        result.GeneratedSources.ShouldBeEmpty();
    }
}
