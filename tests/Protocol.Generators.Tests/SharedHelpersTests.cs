using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Protocol.Generators.Helpers;
using Protocol.Generators.Messages;
using Protocol.Generators.Tests.Infrastructure;

namespace Protocol.Generators.Tests;

/// <summary>
/// The assembly's one shared class (ProtocolGenerated.&lt;assembly&gt;.WireShared): enum helpers and pre-encoded property names emitted
/// once however many types use them, its own incremental step, and no collision between two assemblies.
/// </summary>
public class SharedHelpersTests
{
    private const string SharedHint = "ProtocolGenerated.WireShared.g.cs";

    private const string TwoOrdersSource = """
        using Protocol;
        namespace Shop;
        /// <summary>Side.</summary>
        public enum Side { /// <summary>Buy.</summary>
        Buy, /// <summary>Sell.</summary>
        Sell }
        /// <summary>Open.</summary>
        [ProtocolMessage("open")]
        public partial class Open { /// <summary>Side.</summary>
        [WireEnum(WireEnumFormat.String)] public Side Side { get; set; } /// <summary>Asset.</summary>
        public string Asset { get; set; } = ""; }
        /// <summary>Close.</summary>
        [ProtocolMessage("close")]
        public partial class Close { /// <summary>Side.</summary>
        public Side Side { get; set; } /// <summary>Sides seen.</summary>
        public Side[] History { get; set; } = []; }
        /// <summary>A row.</summary>
        [WireType]
        public partial class Row { /// <summary>Side.</summary>
        public Side? Side { get; set; } /// <summary>Asset.</summary>
        public string Asset { get; set; } = ""; }
        """;

    [Fact]
    public void Two_message_types_and_a_wire_type_using_one_enum_get_its_helpers_once()
    {
        var (_, output, result) = Harness.Run(new MessageGenerator(), Harness.Compile(TwoOrdersSource));
        output.ShouldCompileCleanly();

        var all = string.Concat(result.GeneratedSources.Select(s => s.SourceText.ToString()));
        Regex.Count(all, @"static bool TryReadEnum_Shop__Side\(").ShouldBe(1);
        Regex.Count(all, @"static void WriteEnum_Shop__Side\(").ShouldBe(1);
        Shared(result).ShouldContain("internal static bool TryReadEnum_Shop__Side(");

        // Every type calls the one helper rather than a copy of its own.
        foreach (var hint in new[] { "Shop.Open.Message.g.cs", "Shop.Close.Message.g.cs", "Shop.Row.WireType.g.cs" })
        {
            var text = Source(result, hint);
            text.ShouldContain("global::ProtocolGenerated.TestProject.WireShared.TryReadEnum_Shop__Side(ref reader");
            text.ShouldContain("global::ProtocolGenerated.TestProject.WireShared.WriteEnum_Shop__Side(writer");
        }
    }

    [Fact]
    public void A_property_name_written_by_five_types_is_encoded_once_and_each_type_writes_it_from_there()
    {
        var types = Enumerable.Range(0, 5).Select(i => $$"""
            /// <summary>M{{i}}.</summary>
            [ProtocolMessage("m{{i}}")]
            public partial class M{{i}} { /// <summary>Asset.</summary>
            public string Asset { get; set; } = ""; /// <summary>Own.</summary>
            public int Own{{i}} { get; set; } }
            """);
        var (_, output, result) = Harness.Run(new MessageGenerator(), Harness.Compile("using Protocol;\nnamespace Many;\n" + string.Join("\n", types)));
        output.ShouldCompileCleanly();

        var shared = Shared(result);
        Regex.Count(shared, Regex.Escape("Name_asset = Encode(\"asset\");")).ShouldBe(1);
        for (var i = 0; i < 5; i++)
        {
            Regex.Count(shared, Regex.Escape($"Name_own{i} = Encode(\"own{i}\");")).ShouldBe(1);
            var text = Source(result, $"Many.M{i}.Message.g.cs");
            text.ShouldContain("writer.WriteString(global::ProtocolGenerated.TestProject.WireShared.Name_asset, this.Asset);");
            text.ShouldNotContain("WritePropertyName(\"asset\"u8)");

            // Reading still compares UTF-8 literals: they are the unescaped bytes ValueTextEquals wants.
            text.ShouldContain("reader.ValueTextEquals(\"asset\"u8)");
        }
    }

    [Fact]
    public void Types_with_nothing_to_share_get_no_shared_class()
    {
        var (_, output, result) = Harness.Run(new MessageGenerator(), Harness.Compile("""
            using Protocol;
            namespace Bare;
            /// <summary>Ping.</summary>
            [ProtocolMessage("ping", Layout = WireLayout.None)]
            public partial class Ping;
            /// <summary>Pos.</summary>
            [ProtocolMessage("pos", Layout = WireLayout.Array)]
            public partial class Pos { /// <summary>X.</summary>
            [WireIndex(0)] public int X { get; set; } }
            """));
        output.ShouldCompileCleanly();
        result.GeneratedSources.Select(s => s.HintName).ShouldNotContain(SharedHint);
        result.GeneratedSources.Length.ShouldBe(2);
    }

    [Fact]
    public void An_enum_the_shared_class_cannot_see_keeps_private_helpers_in_each_type()
    {
        var (_, output, result) = Harness.Run(new MessageGenerator(), Harness.Compile("""
            using Protocol;
            namespace Hidden;
            /// <summary>Outer.</summary>
            public partial class Outer
            {
                private enum Mode { Fast, Slow }

                [ProtocolMessage("a")]
                private sealed partial class A { public Mode Mode { get; set; } }

                [ProtocolMessage("b")]
                private sealed partial class B { public Mode Mode { get; set; } }
            }
            """));
        output.ShouldCompileCleanly();
        Shared(result).ShouldNotContain("TryReadEnum_");
        foreach (var hint in new[] { "Hidden.Outer.A.Message.g.cs", "Hidden.Outer.B.Message.g.cs" })
        {
            var text = Source(result, hint);
            text.ShouldContain("private static bool TryReadEnum_Hidden__Outer__Mode(");
            text.ShouldContain("if (!TryReadEnum_Hidden__Outer__Mode(ref reader");
        }
    }

    [Fact]
    public void Two_assemblies_that_see_each_others_internals_each_get_their_own_class()
    {
        var first = Harness.Run(new MessageGenerator(), Harness.Compile([("""
            using Protocol;
            [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Second.Bot")]
            namespace First;
            /// <summary>Side.</summary>
            public enum Side { /// <summary>Buy.</summary>
            Buy }
            /// <summary>Order.</summary>
            [WireType]
            public partial class Order { /// <summary>Side.</summary>
            public Side Side { get; set; } }
            """, "First.cs")]).WithAssemblyName("First.Lib"));
        first.Output.ShouldCompileCleanly();

        // The second assembly uses the first's enum and type, and sees its internals, shared class included.
        var second = Harness.Run(new MessageGenerator(), Harness.Compile("""
            using Protocol;
            namespace Second;
            /// <summary>Quote.</summary>
            [ProtocolMessage("quote")]
            public partial class Quote { /// <summary>Side.</summary>
            public First.Side Side { get; set; } /// <summary>Order.</summary>
            public First.Order Order { get; set; } = new(); }
            """).WithAssemblyName("Second.Bot").AddReferences(first.Output.ToMetadataReference()));
        second.Output.ShouldCompileCleanly();

        Shared(first.Result).ShouldContain("namespace ProtocolGenerated.First.Lib");
        Shared(second.Result).ShouldContain("namespace ProtocolGenerated.Second.Bot");
        Shared(second.Result).ShouldContain("internal static bool TryReadEnum_First__Side(");
    }

    [Fact]
    public void Namespaces_and_helper_names_are_one_to_one_with_what_they_come_from()
    {
        SharedHelpers.Namespace("Acme.Trading").ShouldBe("ProtocolGenerated.Acme.Trading");
        SharedHelpers.Namespace("my-bot.class.1x").ShouldBe("ProtocolGenerated._my_1002Dbot._class._1x");

        // Pairs a lossy scheme (drop punctuation, or '.' and '_' both to '_') would merge.
        var pairs = new[] { ("A.BC", "AB.C"), ("a._b", "a_.b"), ("a-b", "a_1002Db"), ("x_y", "x.y"), ("_a", "a") };
        foreach (var (a, b) in pairs)
        {
            Names.Mangle(a).ShouldNotBe(Names.Mangle(b), $"{a} and {b}");
            SharedHelpers.NameField(a).ShouldNotBe(SharedHelpers.NameField(b));
        }

        SharedHelpers.Namespace("my_bot").ShouldNotBe(SharedHelpers.Namespace("_my_0bot"));
        SyntaxFacts.IsValidIdentifier(SharedHelpers.NameField("prix € \"x\" 😀")).ShouldBeTrue();

        // A lone surrogate cannot be encoded (JsonEncodedText throws), nor can an over-long name be a field: both stay UTF-8 literals.
        SharedHelpers.CanShare("ok").ShouldBeTrue();
        SharedHelpers.CanShare("emoji😀").ShouldBeTrue();
        SharedHelpers.CanShare("half\ud83d").ShouldBeFalse();
        SharedHelpers.CanShare(new string('n', 401)).ShouldBeFalse();
    }

    [Fact]
    public void An_edit_that_keeps_every_enum_and_name_leaves_the_shared_output_cached_and_a_new_name_re_emits_it()
    {
        var compilation = Harness.Compile([(TwoOrdersSource, "Orders.cs")]);
        var driver = Harness.Driver(new MessageGenerator()).RunGenerators(compilation);
        var before = Shared(driver.GetRunResult().Results.Single());

        // Close's History becomes a List: its model (and file) change, its enums and names do not.
        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(
            TwoOrdersSource.Replace("public Side[] History { get; set; } = [];", "public System.Collections.Generic.List<Side> History { get; set; } = [];", StringComparison.Ordinal))));
        driver = driver.RunGenerators(edited);
        var run = driver.GetRunResult().Results.Single();
        run.GeneratedSources.Select(s => s.HintName).ShouldContain(SharedHint);
        Shared(run).ShouldBe(before);
        // The edited type's slice is Unchanged, so the collected unit is not rebuilt and the shared file is not re-emitted.
        Reasons(run, TrackingNames.SharedItems).ShouldAllBe(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged);
        Reasons(run, TrackingNames.SharedItems).ShouldContain(IncrementalStepRunReason.Unchanged);
        Reasons(run, TrackingNames.SharedUnit).ShouldAllBe(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged);
        SharedOutputReasons(run).ShouldAllBe(r => r == IncrementalStepRunReason.Cached);
        SharedOutputReasons(run).ShouldNotBeEmpty();
        Reasons(run, TrackingNames.Messages).ShouldContain(IncrementalStepRunReason.Modified); // the edit was seen

        // A new property name reaches the shared class.
        var renamed = edited.ReplaceSyntaxTree(edited.SyntaxTrees.Single(), tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(
            TwoOrdersSource.Replace("public Side[] History", "public Side[] Past", StringComparison.Ordinal))));
        driver = driver.RunGenerators(renamed);
        run = driver.GetRunResult().Results.Single();
        Reasons(run, TrackingNames.SharedUnit).ShouldBe([IncrementalStepRunReason.Modified]);
        SharedOutputReasons(run).ShouldBe([IncrementalStepRunReason.Modified]);
        Shared(run).ShouldContain("Name_past = Encode(\"past\");");
        Shared(run).ShouldNotContain("Name_history");
    }

    private static string Source(GeneratorRunResult result, string hint) =>
        result.GeneratedSources.Single(s => s.HintName == hint).SourceText.ToString();

    private static string Shared(GeneratorRunResult result) => Source(result, SharedHint);

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

    // The source output whose input is the shared unit: the shared file's own emission step.
    private static List<IncrementalStepRunReason> SharedOutputReasons(GeneratorRunResult result) =>
        result.TrackedOutputSteps.SelectMany(s => s.Value)
            .Where(s => s.Inputs.Any(i => i.Source.Name == TrackingNames.SharedUnit))
            .SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
}
