using Microsoft.CodeAnalysis;
using Protocol.Generators.Diagnostics;
using Protocol.Generators.Tests.Infrastructure;

namespace Protocol.Generators.Tests;

/// <summary>One test per diagnostic: id, location (the marked span) and message.</summary>
public class DiagnosticTests
{
    private const string Usings = "using System; using System.Threading; using System.Threading.Tasks; using Protocol.Attributes;\n";

    private static Diagnostic Single(string source, string id, params AdditionalText[] additional)
    {
        var marker = source.IndexOf("/*!*/", StringComparison.Ordinal);
        var text = Usings + source.Replace("/*!*/", "");
        var diagnostics = Harness.Analyze(Harness.Compile(text), new ProtocolAnalyzer(), additional);
        var diagnostic = diagnostics.ShouldHaveSingleItem(string.Join("\n", diagnostics));
        diagnostic.Id.ShouldBe(id);
        if (marker >= 0)
        {
            diagnostic.Location.SourceSpan.Start.ShouldBe(marker + Usings.Length, "location");
        }

        return diagnostic;
    }

    [Fact]
    public void PROTO001_missing_partial() =>
        Single("""[ProtocolMessage("a")] public class /*!*/A { public int X { get; set; } }""", "PROTO001")
            .GetMessage().ShouldBe("'A' must be declared 'partial' (and so must every type containing it) so the generator can add its serializer code; add the 'partial' modifier");

    [Fact]
    public void PROTO001_missing_partial_on_a_containing_type() =>
        Single("""public class /*!*/Outer { [WireType] public partial struct Inner { public int X { get; set; } } }""", "PROTO001").GetMessage().ShouldStartWith("'Outer' must be declared 'partial'");

    [Fact]
    public void PROTO002_duplicate_wire_name_within_a_platform()
    {
        var d = Single("""
            [ProtocolMessage("balance")] public partial class A { public int X { get; set; } }
            [ProtocolMessage("balance")] public partial class /*!*/B { public int X { get; set; } }
            [ProtocolMessage("other")] public partial class C { public int X { get; set; } }
            """, "PROTO002");
        d.GetMessage().ShouldBe("The wire name 'balance' is declared by both 'A' and 'B' on platform '(default)'; inbound frames could not tell them apart, so give each message its own name");
    }

    [Fact]
    public void PROTO002_same_name_on_different_platforms_is_fine()
    {
        var diagnostics = Harness.Analyze(Harness.Compile(Usings + """
            [assembly: ProtocolPlatform("P1")] [assembly: ProtocolPlatform("P2", Envelope = WireEnvelope.JsonAction)]
            [ProtocolMessage("ping", Platform = "P1")] public partial class A { public int X { get; set; } }
            [ProtocolMessage("ping", Platform = "P2")] public partial class B { public int X { get; set; } }
            """), new ProtocolAnalyzer());
        diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void PROTO003_unsupported_member_type() =>
        Single("""[ProtocolMessage("a")] public partial class A { public System.IO.Stream? /*!*/Body { get; set; } }""", "PROTO003")
            .GetMessage().ShouldStartWith("Member 'A.Body' has type 'System.IO.Stream?', which the generated serializer cannot handle; use string, bool, a number type");

    [Fact]
    public void PROTO004_malformed_regions_json_reports_the_position()
    {
        var d = Single("""[ProtocolRegions("regions.json")] public static partial class R;""", "PROTO004",
            new InMemoryAdditionalText("/repo/regions.json", "[\n  {\"name\": \"EU\", \"url\": \"wss://eu\", \"latitude\": 1, \"longitude\": 2},\n  {\"name\": \"US\" \"url\": \"wss://us\"}\n]"));
        d.GetMessage().ShouldBe("The regions file '/repo/regions.json' is invalid at line 3, column 17: ',' was expected");
        d.Location.GetLineSpan().Path.ShouldBe("/repo/regions.json");
        d.Location.GetLineSpan().StartLinePosition.ShouldBe(new Microsoft.CodeAnalysis.Text.LinePosition(2, 16));
    }

    [Fact]
    public void PROTO004_region_fields_are_checked() =>
        Single("""[ProtocolRegions("regions.json")] public static partial class R;""", "PROTO004",
                new InMemoryAdditionalText("regions.json", """[{"name":"EU","url":"https://eu","latitude":1,"longitude":2}]"""))
            .GetMessage().ShouldEndWith("'url' must be an absolute ws:// or wss:// URL, not 'https://eu'");

    [Fact]
    public void PROTO005_duplicate_region_names() =>
        Single("""[ProtocolRegions("regions.json")] public static partial class R;""", "PROTO005",
                new InMemoryAdditionalText("regions.json", """[{"name":"EU","url":"wss://a","latitude":1,"longitude":2},{"name":"eu","url":"wss://b","latitude":1,"longitude":2}]"""))
            .GetMessage().ShouldBe("The regions file 'regions.json' declares the region 'eu' more than once (or two names map to the same identifier 'Eu'); rename one of them");

    [Fact]
    public void PROTO006_invalid_timeouts()
    {
        Single("""public partial class C { [/*!*/ProtocolTimeout(0)] private Task RunCoreAsync(CancellationToken ct) => Task.CompletedTask; }""", "PROTO006")
            .GetMessage().ShouldBe("The timeout on 'C.RunCoreAsync' is invalid: the timeout must be a positive number of milliseconds, not 0");
        Single("""public partial class C { [ProtocolTimeout(10)] private Task RunCoreAsync() => Task.CompletedTask; }""", "PROTO006")
            .GetMessage().ShouldEndWith("its last parameter must be a CancellationToken, which the wrapper cancels when the timeout expires");
        Single("""public partial class C { [ProtocolTimeout(10)] private int RunCoreAsync(CancellationToken ct) => 1; }""", "PROTO006")
            .GetMessage().ShouldEndWith("it must return Task, Task<T>, ValueTask or ValueTask<T>");
        Single("""public partial class C { [ProtocolTimeout(10)] private Task Run(CancellationToken ct) => Task.CompletedTask; }""", "PROTO006")
            .GetMessage().ShouldEndWith("name the method XxxCoreAsync; the generated wrapper is XxxAsync");
        Single("""public partial class C { [ProtocolTimeout(10, TimeProvider = "Nope")] private Task RunCoreAsync(CancellationToken ct) => Task.CompletedTask; }""", "PROTO006")
            .GetMessage().ShouldEndWith("TimeProvider names 'Nope', which is not a TimeProvider field or property of the type");
    }

    private const string ModuleMessages = """
        [ProtocolMessage("req")] public partial class Req { public int Id { get; set; } }
        [ProtocolMessage("res")] public partial class Res { public int Id { get; set; } }
        [ProtocolMessage("err")] public partial class Err { public string Error { get; set; } = ""; }
        public sealed class S { }

        """;

    [Fact]
    public void PROTO007_module_without_commands_sends_or_streams() =>
        Single(ModuleMessages + """[ProtocolModule("m", typeof(S))] public sealed partial class /*!*/QuotesModule { [ModuleHandler] private void On(Res r) { } }""", "PROTO007")
            .GetMessage().ShouldBe("Module 'QuotesModule' declares no [ModuleCommand] method, [ModuleSend] or [ModuleStream], so its handle 'QuotesHandle' would be empty; declare what users call, or register background-only work as a lightweight module (ILightweightModuleDefinition)");

    [Fact]
    public void PROTO015_invalid_module_declarations()
    {
        const string Module = """[ProtocolModule("m", typeof(S))] public sealed partial class M { """;
        Single(ModuleMessages + Module + """[ModuleCommand] private bool /*!*/Run(Req request, Res response) => true; }""", "PROTO015")
            .GetMessage().ShouldBe("Module 'M': [ModuleCommand] 'Run' has the wrong shape; write it as 'static bool Name(TRequest request, TResponse response)' returning whether the response answers the request");
        Single(ModuleMessages + Module + """[ModuleCommand] private static bool /*!*/Run(S request, Res response) => true; }""", "PROTO015")
            .GetMessage().ShouldBe("Module 'M': [ModuleCommand] 'Run': the request 'S' is not a message; mark it [ProtocolMessage]");
        Single(ModuleMessages + Module + """[ModuleCommand] private static bool Run(Req request, Res response) => true; [/*!*/ModuleCommandFailure("Nope")] private static string? Failed(Req request, Err e) => e.Error; }""", "PROTO015")
            .GetMessage().ShouldBe("Module 'M': [ModuleCommandFailure(\"Nope\")] on 'Failed' names no [ModuleCommand] method of this module; use nameof(TheCommandMethod)");
        Single(ModuleMessages + Module + """[ModuleCommand] private static bool Run(Req request, Res response) => true; [/*!*/ModuleCommandFailure(nameof(Run))] private static string? Failed(Res request, Err e) => e.Error; }""", "PROTO015")
            .GetMessage().ShouldBe("Module 'M': 'Failed' takes 'Res', but command 'Run' sends 'Req'; the first parameter must be the command's request type");
        Single(ModuleMessages + """[ModuleSend(typeof(Req))] [/*!*/ProtocolModule("m", typeof(int))] public sealed partial class M;""", "PROTO015")
            .GetMessage().ShouldBe("Module 'M': the state type 'int' must be a class: the client shares one instance with every module");
        Single(ModuleMessages + """[ModuleSend(typeof(Req))] [ProtocolModule("m", typeof(S))] public sealed partial class M { public /*!*/M() { } }""", "PROTO015")
            .GetMessage().ShouldStartWith("Module 'M': remove its constructors: the runtime creates instances");
        Single(ModuleMessages + """[ModuleSend(typeof(Req))] [ProtocolModule("m", typeof(S))] public sealed partial class /*!*/M : System.Collections.Generic.List<int>;""", "PROTO015")
            .GetMessage().ShouldBe("Module 'M': it already derives from 'System.Collections.Generic.List<int>'; remove the base class, the generator makes it an ApiModule<TState, THandle>");
        Single(ModuleMessages + """[ModuleSend(typeof(Req), Name = "Run")] [/*!*/ProtocolModule("m", typeof(S))] [ModuleStream(typeof(Res), "RunAsync")] public sealed partial class M;""", "PROTO015")
            .GetMessage().ShouldBe("Module 'M': its handle would have two members named 'RunAsync'; rename a command, a [ModuleSend] (Name = …) or a stream");
        Single(ModuleMessages + """[ProtocolModule("m", typeof(S))] [/*!*/ModuleSend(typeof(Req), Name = "Watch me")] public sealed partial class M;""", "PROTO015")
            .GetMessage().ShouldBe("Module 'M': the [ModuleSend] name 'Watch me' is not a valid identifier; the handle gets {name}Async");
        Single(ModuleMessages + """[ProtocolModule("m", typeof(S))] [/*!*/ModuleStream(typeof(S), "Ticks")] [ModuleSend(typeof(Req))] public sealed partial class M;""", "PROTO015")
            .GetMessage().ShouldBe("Module 'M': [ModuleStream] names 'S', which is not an inbound message; mark it [ProtocolMessage]");
        Single(ModuleMessages + """public partial class Outer { [ProtocolModule("m", typeof(S))] [ModuleSend(typeof(Req))] private sealed partial class /*!*/M; }""", "PROTO015")
            .GetMessage().ShouldBe("Module 'Outer.M': it must be public or internal (and so must its containing types): its registration is an extension method");
        Single(ModuleMessages + """[ProtocolModule("m", typeof(S))] [ModuleSend(typeof(Req))] public sealed partial class M { [ModuleHandler] private int /*!*/On(Res r) => 1; }""", "PROTO015")
            .GetMessage().ShouldBe("Module 'M': [ModuleHandler] 'On' has the wrong shape; write 'void Name(TMessage message)' or 'ValueTask Name(TMessage message, CancellationToken cancellationToken)'");
    }

    [Fact]
    public void PROTO015_module_attributes_outside_a_module()
    {
        Single(ModuleMessages + """public static class NotAModule { [/*!*/ModuleCommand] private static bool Run(Req request, Res response) => true; }""", "PROTO015")
            .GetMessage().ShouldBe("Module 'NotAModule': [ModuleCommand] on 'Run' only works in a [ProtocolModule] class; add [ProtocolModule] or remove it");
        Single(ModuleMessages + """[/*!*/ModuleStream(typeof(Res), "Ticks")] public sealed class NotAModule;""", "PROTO015")
            .GetMessage().ShouldBe("Module 'NotAModule': [ModuleStream] only works on a [ProtocolModule] class; add [ProtocolModule] or remove it");
    }

    [Fact]
    public void PROTO001_module_must_be_partial() =>
        Single(ModuleMessages + """[ProtocolModule("m", typeof(S))] [ModuleSend(typeof(Req))] public sealed class /*!*/M;""", "PROTO001")
            .GetMessage().ShouldEndWith("so the generator can add its module code; add the 'partial' modifier");

    [Fact]
    public void PROTO008_invalid_wire_name() =>
        Single("""[/*!*/ProtocolMessage("open order")] public partial class A { public int X { get; set; } }""", "PROTO008")
            .GetMessage().ShouldStartWith("The wire name 'open order' of 'A' is empty or contains whitespace");

    [Fact]
    public void PROTO009_duplicate_member_names_aliases_and_positions()
    {
        Single("""[ProtocolMessage("a")] public partial class /*!*/A { public string Session { get; set; } = ""; [WireName("session")] public string Other { get; set; } = ""; }""", "PROTO009")
            .GetMessage().ShouldBe("'session' is used by more than one member of 'A' (Session, Other); a reader could only fill one of them, so give each member its own wire name, alias or [WireIndex]");
        Single("""[WireType(Layout = WireLayout.Array)] public partial class R { [WireIndex(0)] public int A { get; set; } [WireIndex(0)] public int B { get; set; } }""", "PROTO009")
            .GetMessage().ShouldStartWith("'[0]' is used by more than one member of 'R'");
    }

    [Fact]
    public void PROTO010_members_that_do_not_fit_the_layout()
    {
        Single("""[WireType(Layout = WireLayout.Array)] public partial class R { public int /*!*/A { get; set; } }""", "PROTO010")
            .GetMessage().ShouldBe("'R.A': every member of an array-layout type needs [WireIndex(n)] with n >= 0");
        Single("""[ProtocolMessage("v", Layout = WireLayout.Value)] public partial class V { public int A { get; set; } public int B { get; set; } }""", "PROTO010")
            .GetMessage().ShouldBe("'V': Layout = WireLayout.Value needs exactly one serialized member, found 2");
        Single("""[ProtocolMessage("a")] public partial class A { [WireNumberAsString] public string S { get; set; } = ""; }""", "PROTO010")
            .GetMessage().ShouldEndWith("[WireNumberAsString] applies only to numeric members; remove it");
    }

    [Fact]
    public void PROTO011_types_and_members_the_reader_cannot_fill()
    {
        Single("""[ProtocolMessage("a")] public partial class A { public int /*!*/X { get; } }""", "PROTO011")
            .GetMessage().ShouldBe("'A.X' cannot be filled by the generated reader: it has no setter or init accessor; add one or mark it [WireIgnore]");
        Single("""[ProtocolMessage("a")] public partial record /*!*/A(int X);""", "PROTO011")
            .GetMessage().ShouldBe("'A' cannot be filled by the generated reader: a reader needs a parameterless constructor (and a non-abstract type); add one");
    }

    [Fact]
    public void PROTO012_unknown_platform() =>
        Single("""[/*!*/ProtocolMessage("a", Platform = "Nope")] public partial class A { public int X { get; set; } }""", "PROTO012")
            .GetMessage().ShouldBe("'A' names platform 'Nope', but no [assembly: ProtocolPlatform] declares that name; declare it with [assembly: ProtocolPlatform(\"Nope\")] or set Platform to one of the declared names");

    [Fact]
    public void PROTO013_regions_file_not_an_additional_file() =>
        Single("""[/*!*/ProtocolRegions("regions.json")] public static partial class R;""", "PROTO013")
            .GetMessage().ShouldBe("'R' reads regions from 'regions.json', but no AdditionalFiles item has that name; add <AdditionalFiles Include=\"regions.json\" /> to the project");

    [Fact]
    public void PROTO014_invalid_configuration_settings()
    {
        Single("""[ProtocolConfiguration] public partial class C { [/*!*/ConfigRange(5, 1)] public int X { get; set; } }""", "PROTO014")
            .GetMessage().ShouldBe("Configuration setting 'C.X': [ConfigRange] minimum 5 is greater than maximum 1");
        Single("""[ProtocolConfiguration] public partial class C { public System.IO.Stream? /*!*/S { get; set; } }""", "PROTO014")
            .GetMessage().ShouldStartWith("Configuration setting 'C.S': type 'System.IO.Stream?' is not supported");
        Single("""[ProtocolConfiguration] public partial class C { public int /*!*/X { get; } }""", "PROTO014")
            .GetMessage().ShouldEndWith("settings need a public setter so the builder and binders can assign them; add 'set;'");
    }

    [Fact]
    public void Valid_declarations_report_nothing()
    {
        var source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "Fixtures", "PocketOptionMessages.cs"));
        var module = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "Fixtures", "TradesModule.cs"));
        Harness.Analyze(Harness.Compile(source, module, OtherGeneratorTests.TimeoutSource, OtherGeneratorTests.ConfigurationSource, OtherGeneratorTests.RegionsSource), new ProtocolAnalyzer(),
            new InMemoryAdditionalText("/r/regions.json", OtherGeneratorTests.RegionsJson)).ShouldBeEmpty();
    }
}
