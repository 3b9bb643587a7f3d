using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Protocol.Generators.Diagnostics;
using Protocol.Generators.Tests.Infrastructure;

namespace Protocol.Generators.Tests;

/// <summary>
/// One test per diagnostic, on Microsoft.CodeAnalysis.Testing: the markup span <c>{|#n:…|}</c> is where the diagnostic must be (start
/// and end), and the expected result pins its id, severity and whole message (messages say how to fix). No other diagnostic, and no
/// compiler error, may appear.
/// </summary>
public class DiagnosticTests
{
    private const string Usings = "using System; using System.Threading; using System.Threading.Tasks; using Protocol;\n";

    private const string ModuleMessages = """
        [ProtocolMessage("req")] public partial class Req { public int Id { get; set; } }
        [ProtocolMessage("res")] public partial class Res { public int Id { get; set; } }
        [ProtocolMessage("err")] public partial class Err { public string Error { get; set; } = ""; }
        public sealed class S { }

        """;

    private const string Module = """[ProtocolModule("m", typeof(S))] public sealed partial class M { """;

    [Fact]
    public Task PROTO001_missing_partial() =>
        Verify("""[ProtocolMessage("a")] public class {|#0:A|} { public int X { get; set; } }""",
            At(Descriptors.MissingPartial, "'A' must be declared 'partial' (and so must every type containing it) so the generator can add its serializer code; add the 'partial' modifier"));

    [Fact]
    public Task PROTO001_missing_partial_on_a_containing_type() =>
        Verify("""public class {|#0:Outer|} { [WireType] public partial struct Inner { public int X { get; set; } } }""",
            At(Descriptors.MissingPartial, "'Outer' must be declared 'partial' (and so must every type containing it) so the generator can add its serializer code; add the 'partial' modifier"));

    [Fact]
    public Task PROTO001_module_must_be_partial() =>
        Verify(ModuleMessages + """[ProtocolModule("m", typeof(S))] [ModuleSend(typeof(Req))] public sealed class {|#0:M|};""",
            At(Descriptors.MissingPartial, "'M' must be declared 'partial' (and so must every type containing it) so the generator can add its module code; add the 'partial' modifier"));

    [Fact]
    public Task PROTO002_duplicate_wire_name_within_a_platform() =>
        Verify("""
            [ProtocolMessage("balance")] public partial class A { public int X { get; set; } }
            [ProtocolMessage("balance")] public partial class {|#0:B|} { public int X { get; set; } }
            [ProtocolMessage("other")] public partial class C { public int X { get; set; } }
            """,
            At(Descriptors.DuplicateWireName, "The wire name 'balance' is declared by both 'A' and 'B' as incoming messages on platform '(default)'; " + IncomingAdvice));

    private const string IncomingAdvice = "frames under that name could not be routed to one type, so keep one incoming type per name (list the other names it arrives under in Aliases); if one of them is a request the client sends, declare it Direction = WireDirection.Outgoing";

    [Fact]
    public Task PROTO002_a_request_and_its_response_may_share_a_name() =>
        Verify("""
            [ProtocolMessage("loadHistoryPeriod", Direction = WireDirection.Outgoing)] public partial class Req { public int X { get; set; } }
            [ProtocolMessage("loadHistoryPeriod", Direction = WireDirection.Incoming, Aliases = new[] { "loadHistoryPeriodFast" })] public partial class Res { public int X { get; set; } }
            [ProtocolMessage("loadHistoryPeriodFast", Direction = WireDirection.Outgoing)] public partial class FastReq { public int X { get; set; } }
            """);

    [Fact]
    public Task PROTO002_a_both_message_collides_with_an_incoming_one_once() =>
        Verify("""
            [ProtocolMessage("x")] public partial class A { public int X { get; set; } }
            [ProtocolMessage("x", Direction = WireDirection.Incoming)] public partial class {|#0:B|} { public int X { get; set; } }
            """,
            At(Descriptors.DuplicateWireName, "The wire name 'x' is declared by both 'A' and 'B' as incoming messages on platform '(default)'; " + IncomingAdvice));

    [Fact]
    public Task PROTO002_two_outgoing_messages_with_one_name() =>
        Verify("""
            [ProtocolMessage("x", Direction = WireDirection.Outgoing)] public partial class A { public int X { get; set; } }
            [ProtocolMessage("x", Direction = WireDirection.Outgoing)] public partial class {|#0:B|} { public int X { get; set; } }
            """,
            At(Descriptors.DuplicateWireName, "The wire name 'x' is declared by both 'A' and 'B' as outgoing messages on platform '(default)'; keep one outgoing type per name; if one of them is the platform's answer, declare it Direction = WireDirection.Incoming"));

    [Fact]
    public Task PROTO002_an_alias_colliding_with_another_incoming_name() =>
        Verify("""
            [ProtocolMessage("NotAuthorized", Direction = WireDirection.Incoming, Aliases = new[] { "notAuthorized", "auth_error", "NotAuthorized" })] public partial class A { }
            [ProtocolMessage("auth_error", Direction = WireDirection.Incoming)] public partial class {|#0:B|} { }
            [ProtocolMessage("notAuthorized", Direction = WireDirection.Outgoing)] public partial class C { }
            """,
            At(Descriptors.DuplicateWireName, "The wire name 'auth_error' is declared by both 'A' and 'B' as incoming messages on platform '(default)'; " + IncomingAdvice));

    [Fact]
    public Task PROTO030_aliases_on_an_outgoing_message() =>
        Verify("""[{|#0:ProtocolMessage("x", Direction = WireDirection.Outgoing, Aliases = new[] { "y" })|}] public partial class A { public int X { get; set; } }""",
            At(Descriptors.InvalidMessage, "'A': Aliases are names a message is received under, but Direction = WireDirection.Outgoing is never received; remove Aliases or make it Incoming or Both"));

    [Fact]
    public Task PROTO008_an_alias_with_whitespace() =>
        Verify("""[{|#0:ProtocolMessage("x", Aliases = new[] { "a b" })|}] public partial class A { public int X { get; set; } }""",
            At(Descriptors.InvalidWireName, "The wire name 'a b' of 'A' is empty or contains whitespace or control characters, so no frame can carry it; use the exact event name the platform sends"));

    [Fact]
    public Task PROTO002_same_name_on_different_platforms_is_fine() =>
        Verify("""
            [assembly: ProtocolPlatform("P1")] [assembly: ProtocolPlatform("P2", Envelope = WireEnvelope.JsonAction)]
            [ProtocolMessage("ping", Platform = "P1")] public partial class A { public int X { get; set; } }
            [ProtocolMessage("ping", Platform = "P2")] public partial class B { public int X { get; set; } }
            """);

    [Fact]
    public Task PROTO011_an_inherited_member_whose_setter_the_derived_type_cannot_reach() =>
        Verify("""
            public class Base { public int Kept { get; set; } public int Id { get; private set; } }
            [ProtocolMessage("a")] public partial class {|#0:A|} : Base { public int X { get; set; } }
            """,
            At(Descriptors.NotConstructible, "'A.Id' cannot be filled by the generated reader: it is inherited from 'Base' and its setter is not accessible from the derived type; make the setter protected, internal or public, or mark it [WireIgnore] there"));

    [Fact]
    public Task PROTO003_an_inherited_member_of_an_unsupported_type_is_reported_on_the_derived_type() =>
        Verify("""
            public class Base { public System.IO.Stream? Body { get; set; } }
            [WireType] public partial class {|#0:A|} : Base { public int X { get; set; } }
            """,
            At(Descriptors.UnsupportedMemberType, "Member 'A.Body' has type 'System.IO.Stream?', which the generated serializer cannot handle; use string, bool, a number type, an enum, JsonElement, Dictionary<string, JsonElement>, an array or List<T> of those, a [WireType]/[ProtocolMessage] type, or mark it [WireIgnore]"));

    [Fact]
    public Task PROTO010_bare_array_with_a_required_member() =>
        Verify("""
            [WireType] public partial class D { public int X { get; set; } }
            [ProtocolMessage("c")] public partial class {|#0:C|} { public decimal Profit { get; set; } [WireBareArray] public D[] Deals { get; set; } = []; }
            """,
            At(Descriptors.LayoutMismatch, "'C.Profit': the bare array form fills only 'Deals', so this member must be optional; make it nullable or mark it [WireOptional]"));

    [Fact]
    public Task PROTO010_bare_array_on_a_scalar_or_twice() =>
        Verify("""
            [ProtocolMessage("c")] public partial class C { [WireBareArray] public int[]? A { get; set; } [WireBareArray] public int? {|#0:B|} { get; set; } [WireBareArray] public int[]? {|#1:D|} { get; set; } }
            """,
            At(Descriptors.LayoutMismatch, "'C.B': [WireBareArray] marks the array or list member a bare JSON array fills, so it applies only to an array or List<T> member of a Layout = WireLayout.Object type"),
            At(Descriptors.LayoutMismatch, "'C.D': only one member can take the bare array form, and 'A' already does; remove one [WireBareArray]", 1));

    [Fact]
    public Task PROTO010_extension_data_on_a_wrong_member_or_twice() =>
        Verify("""
            using System.Collections.Generic; using System.Text.Json;
            [ProtocolMessage("c")] public partial class C
            {
                [WireExtensionData] public Dictionary<string, JsonElement>? A { get; set; }
                [WireExtensionData] public JsonElement? {|#0:B|} { get; set; }
                [WireExtensionData] public Dictionary<string, JsonElement>? {|#1:D|} { get; set; }
            }
            """,
            At(Descriptors.LayoutMismatch, "'C.B': [WireExtensionData] keeps the unknown properties of an object, so it applies only to a Dictionary<string, JsonElement> member of a Layout = WireLayout.Object type"),
            At(Descriptors.LayoutMismatch, "'C.D': 'A' already keeps the unknown properties; remove one [WireExtensionData]", 1));

    [Fact]
    public Task PROTO003_a_dictionary_of_other_values_is_still_refused() =>
        Verify("""[ProtocolMessage("a")] public partial class A { public System.Collections.Generic.Dictionary<string, int>? {|#0:Map|} { get; set; } }""",
            At(Descriptors.UnsupportedMemberType, "Member 'A.Map' has type 'System.Collections.Generic.Dictionary<string, int>?', which the generated serializer cannot handle; use string, bool, a number type, an enum, JsonElement, Dictionary<string, JsonElement>, an array or List<T> of those, a [WireType]/[ProtocolMessage] type, or mark it [WireIgnore]"));

    [Fact]
    public Task PROTO010_a_bare_binary_value_read_through_a_wrapper_type() =>
        Verify("""
            [WireType(Layout = WireLayout.Value)] public partial class Blob { public byte[] Bytes { get; set; } = []; }
            [WireType(Layout = WireLayout.Value)] public partial class Outer { public Blob? Inner { get; set; } }
            [ProtocolMessage("chunk", Layout = WireLayout.Value)] public partial class Chunk { public Blob? {|#0:Data|} { get; set; } }
            [ProtocolMessage("deep", Layout = WireLayout.Value)] public partial class Deep { public Outer {|#1:Data|} { get; set; } = new(); }
            [ProtocolMessage("fine", Layout = WireLayout.Value)] public partial class Fine { public System.ReadOnlyMemory<byte>? Data { get; set; } }
            [ProtocolMessage("nested")] public partial class Nested { public Blob Data { get; set; } = new(); }
            """,
            At(Descriptors.LayoutMismatch, "'Chunk.Data': 'Blob' wraps a binary value in Layout = WireLayout.Value, and a bare binary argument (a Socket.IO attachment) is read only into a byte[] or ReadOnlyMemory<byte> member of the message itself; declare this member as byte[] or ReadOnlyMemory<byte>"),
            At(Descriptors.LayoutMismatch, "'Deep.Data': 'Outer' wraps a binary value in Layout = WireLayout.Value, and a bare binary argument (a Socket.IO attachment) is read only into a byte[] or ReadOnlyMemory<byte> member of the message itself; declare this member as byte[] or ReadOnlyMemory<byte>", 1));

    [Fact]
    public Task PROTO010_decimal_format_on_a_double() =>
        Verify("""[ProtocolMessage("a")] public partial class A { [WireDecimal(WireDecimalFormat.Trimmed)] public double {|#0:X|} { get; set; } }""",
            At(Descriptors.LayoutMismatch, "'A.X': [WireDecimal] applies only to a decimal member or an array or list of decimals; remove it"));

    [Fact]
    public Task PROTO010_non_finite_on_a_decimal() =>
        Verify("""[ProtocolMessage("a")] public partial class A { [WireAllowNonFinite] public decimal {|#0:X|} { get; set; } }""",
            At(Descriptors.LayoutMismatch, "'A.X': [WireAllowNonFinite] applies only to a double or float member or an array or list of them; remove it"));

    [Fact]
    public Task PROTO003_unsupported_member_type() =>
        Verify("""[ProtocolMessage("a")] public partial class A { public System.IO.Stream? {|#0:Body|} { get; set; } }""",
            At(Descriptors.UnsupportedMemberType, "Member 'A.Body' has type 'System.IO.Stream?', which the generated serializer cannot handle; use string, bool, a number type, an enum, JsonElement, Dictionary<string, JsonElement>, an array or List<T> of those, a [WireType]/[ProtocolMessage] type, or mark it [WireIgnore]"));

    [Fact]
    public Task PROTO004_malformed_regions_json_reports_the_position_in_the_file() =>
        Verify("""[ProtocolRegions("regions.json")] public static partial class R;""",
            [("/repo/regions.json", "[\n  {\"name\": \"EU\", \"url\": \"wss://eu\", \"latitude\": 1, \"longitude\": 2},\n  {\"name\": \"US\" {|#0:\"|}url\": \"wss://us\"}\n]")],
            At(Descriptors.MalformedRegions, "The regions file '/repo/regions.json' is invalid at line 3, column 17: ',' was expected"));

    [Fact]
    public Task PROTO004_region_fields_are_checked() =>
        Verify("""[ProtocolRegions("regions.json")] public static partial class R;""",
            [("regions.json", """[{"name":"EU","url":{|#0:"|}https://eu","latitude":1,"longitude":2}]""")],
            At(Descriptors.MalformedRegions, "The regions file 'regions.json' is invalid at line 1, column 21: 'url' must be an absolute ws:// or wss:// URL, not 'https://eu'"));

    [Fact]
    public Task PROTO005_duplicate_region_names_point_at_the_second_name() =>
        Verify("""[ProtocolRegions("regions.json")] public static partial class R;""",
            [("regions.json", """[{"name":"EU","url":"wss://a","latitude":1,"longitude":2},{"name":{|#0:"|}eu","url":"wss://b","latitude":1,"longitude":2}]""")],
            At(Descriptors.DuplicateRegion, "The regions file 'regions.json' declares the region 'eu' more than once (or two names map to the same identifier 'Eu'); rename one of them"));

    [Fact]
    public async Task PROTO006_invalid_timeouts()
    {
        await Verify("""public partial class C { [{|#0:ProtocolTimeout(0)|}] private Task RunCoreAsync(CancellationToken ct) => Task.CompletedTask; }""",
            At(Descriptors.InvalidTimeout, "The timeout on 'C.RunCoreAsync' is invalid: the timeout must be a positive number of milliseconds, not 0"));
        await Verify("""public partial class C { [{|#0:ProtocolTimeout(10)|}] private Task RunCoreAsync() => Task.CompletedTask; }""",
            At(Descriptors.InvalidTimeout, "The timeout on 'C.RunCoreAsync' is invalid: its last parameter must be a CancellationToken, which the wrapper cancels when the timeout expires"));
        await Verify("""public partial class C { [{|#0:ProtocolTimeout(10)|}] private int RunCoreAsync(CancellationToken ct) => 1; }""",
            At(Descriptors.InvalidTimeout, "The timeout on 'C.RunCoreAsync' is invalid: it must return Task, Task<T>, ValueTask or ValueTask<T>"));
        await Verify("""public partial class C { [{|#0:ProtocolTimeout(10)|}] private Task Run(CancellationToken ct) => Task.CompletedTask; }""",
            At(Descriptors.InvalidTimeout, "The timeout on 'C.Run' is invalid: name the method XxxCoreAsync; the generated wrapper is XxxAsync"));
        await Verify("""public partial class C { [{|#0:ProtocolTimeout(10, TimeProvider = "Nope")|}] private Task RunCoreAsync(CancellationToken ct) => Task.CompletedTask; }""",
            At(Descriptors.InvalidTimeout, "The timeout on 'C.RunCoreAsync' is invalid: TimeProvider names 'Nope', which is not a TimeProvider field or property of the type"));
    }

    [Fact]
    public Task PROTO007_module_that_declares_nothing() =>
        Verify(ModuleMessages + """[ProtocolModule("m", typeof(S))] public sealed partial class {|#0:QuotesModule|} { private void NotAHandler(Res r) { } }""",
            At(Descriptors.EmptyModule, "Module 'QuotesModule' declares no [ModuleCommand] method, [ModuleSend], [ModuleStream], [ModuleKeyedStream], [ModuleWait], [ModuleHandler], [ModuleOnReady] or [ModulePeriodic], so it would do nothing and its API 'QuotesApi' would be empty; declare what users call or what the module handles, or remove it"));

    [Fact]
    public Task A_background_module_with_an_on_Ready_hook_and_a_periodic_send_only_is_valid() =>
        Verify(ModuleMessages + """
            [ProtocolModule("session", typeof(S))]
            public sealed partial class SessionModule
            {
                [ModuleOnReady] private static ValueTask Burst(ReadyContext<S> ready, CancellationToken ct) => default;
                [ModuleOnReady] private static Task Other(ReadyContext<S> ready, CancellationToken ct) => Task.CompletedTask;
                [ModulePeriodic(Seconds = 20)] private static Req Ping() => new();
                [ModulePeriodic(Seconds = 0.5)] private static Req WithState(S state) => new();
            }
            """);

    [Fact]
    public async Task PROTO031_on_Ready_hook_of_the_wrong_shape()
    {
        const string Shape = "write it as 'static ValueTask Name(ReadyContext<S> ready, CancellationToken cancellationToken)' (or returning Task)";
        await Verify(ModuleMessages + Module + """[ModuleOnReady] private ValueTask {|#0:Burst|}(ReadyContext<S> ready, CancellationToken ct) => default; }""",
            At(Descriptors.InvalidReadyHook, $"Module 'M': [ModuleOnReady] 'Burst' has the wrong shape; {Shape}"));
        await Verify(ModuleMessages + Module + """[ModuleOnReady] private static void {|#0:Burst|}(ReadyContext<S> ready, CancellationToken ct) { } }""",
            At(Descriptors.InvalidReadyHook, $"Module 'M': [ModuleOnReady] 'Burst' has the wrong shape; {Shape}"));
        await Verify(ModuleMessages + Module + """[ModuleOnReady] private static ValueTask {|#0:Burst|}(ReadyContext<S> ready) => default; }""",
            At(Descriptors.InvalidReadyHook, $"Module 'M': [ModuleOnReady] 'Burst' has the wrong shape; {Shape}"));
        await Verify(ModuleMessages + "public sealed class Other { }\n" + Module + """[ModuleOnReady] private static ValueTask {|#0:Burst|}(ReadyContext<Other> ready, CancellationToken ct) => default; }""",
            At(Descriptors.InvalidReadyHook, $"Module 'M': [ModuleOnReady] 'Burst' takes 'Protocol.ReadyContext<Other>', but the module's state is 'S'; {Shape}"));
    }

    [Fact]
    public async Task PROTO032_periodic_send_of_the_wrong_shape_or_interval()
    {
        const string Shape = "write it as 'static TMessage Name()' or 'static TMessage Name(S state)' returning the [ProtocolMessage] to send";
        await Verify(ModuleMessages + Module + """[ModulePeriodic(Seconds = 20)] private Req {|#0:Ping|}() => new(); }""",
            At(Descriptors.InvalidPeriodicSend, $"Module 'M': [ModulePeriodic] 'Ping' has the wrong shape; {Shape}"));
        await Verify(ModuleMessages + Module + """[ModulePeriodic(Seconds = 20)] private static Req {|#0:Ping|}(int n) => new(); }""",
            At(Descriptors.InvalidPeriodicSend, $"Module 'M': [ModulePeriodic] 'Ping' takes 'int', but the module's state is 'S'; {Shape}"));
        await Verify(ModuleMessages + Module + """[ModulePeriodic(Seconds = 20)] private static string {|#0:Ping|}() => ""; }""",
            At(Descriptors.InvalidPeriodicSend, $"Module 'M': [ModulePeriodic] 'Ping' returns 'string', which is not an outgoing message; {Shape}"));
        await Verify(ModuleMessages + Module + """[{|#0:ModulePeriodic|}] private static Req Ping() => new(); }""",
            At(Descriptors.InvalidPeriodicSend, "Module 'M': [ModulePeriodic] 'Ping' has Seconds = 0; give the interval in seconds, between 0.001 and 4294967 (e.g. [ModulePeriodic(Seconds = 20)])"));
        await Verify(ModuleMessages + Module + """[{|#0:ModulePeriodic(Seconds = double.PositiveInfinity)|}] private static Req Ping() => new(); }""",
            At(Descriptors.InvalidPeriodicSend, "Module 'M': [ModulePeriodic] 'Ping' has Seconds = Infinity; give the interval in seconds, between 0.001 and 4294967 (e.g. [ModulePeriodic(Seconds = 20)])"));
        await Verify(ModuleMessages + """public static class NotAModule { [{|#0:ModulePeriodic(Seconds = 20)|}] private static Req Ping() => new(); }""",
            At(Descriptors.InvalidModule, "Module 'NotAModule': [ModulePeriodic] on 'Ping' only works in a [ProtocolModule] class; add [ProtocolModule] or remove it"));
    }

    private const string DirectedMessages = """
        [ProtocolMessage("answer", Direction = WireDirection.Incoming)] public partial class Answer { public int Id { get; set; } }
        [ProtocolMessage("ask", Direction = WireDirection.Outgoing)] public partial class Ask { public int Id { get; set; } }
        public sealed class S { }

        """;

    [Fact]
    public async Task PROTO033_a_module_that_sends_an_incoming_only_message_is_told_the_type_and_the_fix()
    {
        const string Fix = "which is declared Direction = WireDirection.Incoming (received only); declare it Direction = WireDirection.Outgoing or Both, or send an outgoing message type";
        await Verify(DirectedMessages + """[ProtocolModule("m", typeof(S))] [{|#0:ModuleSend(typeof(Answer))|}] public sealed partial class M { }""",
            At(Descriptors.MessageAgainstDirection, $"Module 'M': [ModuleSend] sends 'Answer', {Fix}"));
        await Verify(DirectedMessages + Module + """[ModulePeriodic(Seconds = 20)] private static Answer {|#0:Ping|}() => new(); }""",
            At(Descriptors.MessageAgainstDirection, $"Module 'M': [ModulePeriodic] 'Ping' sends 'Answer', {Fix}"));
        await Verify(DirectedMessages + Module + """[ModuleCommand] private static bool {|#0:Echo|}(Answer request, Answer response) => true; }""",
            At(Descriptors.MessageAgainstDirection, $"Module 'M': [ModuleCommand] 'Echo' sends 'Answer', {Fix}"));
    }

    [Fact]
    public Task PROTO033_a_module_that_handles_an_outgoing_only_message_is_told_the_type_and_the_fix() =>
        Verify(DirectedMessages + Module + """[ModuleHandler] private static void {|#0:OnAsk|}(Ask ask) { } }""",
            At(Descriptors.MessageAgainstDirection, "Module 'M': [ModuleHandler] 'OnAsk' receives 'Ask', which is declared Direction = WireDirection.Outgoing (sent only); declare it Direction = WireDirection.Incoming or Both, or receive an incoming message type"));

    [Fact]
    public Task A_module_with_handlers_only_is_valid() =>
        Verify(ModuleMessages + """
            [ProtocolModule("balance", typeof(S))]
            public sealed partial class BalanceModule
            {
                [ModuleHandler] private void OnResult(Res r) { }
            }
            """);

    [Fact]
    public Task PROTO008_invalid_wire_name() =>
        Verify("""[{|#0:ProtocolMessage("open order")|}] public partial class A { public int X { get; set; } }""",
            At(Descriptors.InvalidWireName, "The wire name 'open order' of 'A' is empty or contains whitespace or control characters, so no frame can carry it; use the exact event name the platform sends"));

    [Fact]
    public async Task PROTO009_duplicate_member_names_aliases_and_positions()
    {
        await Verify("""[ProtocolMessage("a")] public partial class {|#0:A|} { public string Session { get; set; } = ""; [WireName("session")] public string Other { get; set; } = ""; }""",
            At(Descriptors.DuplicateMemberName, "'session' is used by more than one member of 'A' (Session, Other); a reader could only fill one of them, so give each member its own wire name, alias or [WireIndex]"));
        await Verify("""[WireType(Layout = WireLayout.Array)] public partial class {|#0:R|} { [WireIndex(0)] public int A { get; set; } [WireIndex(0)] public int B { get; set; } }""",
            At(Descriptors.DuplicateMemberName, "'[0]' is used by more than one member of 'R' (A, B); a reader could only fill one of them, so give each member its own wire name, alias or [WireIndex]"));
    }

    [Fact]
    public async Task PROTO010_members_that_do_not_fit_the_layout()
    {
        await Verify("""[WireType(Layout = WireLayout.Array)] public partial class R { public int {|#0:A|} { get; set; } }""",
            At(Descriptors.LayoutMismatch, "'R.A': every member of an array-layout type needs [WireIndex(n)] with n >= 0"));
        await Verify("""[WireType(Layout = WireLayout.Array, ArrayLength = 3)] public partial class R { [WireIndex(0)] public int A { get; set; } [{|#0:WireIndex(3)|}] public int B { get; set; } }""",
            At(Descriptors.LayoutMismatch, "'R.B': [WireIndex(3)] is outside the declared ArrayLength = 3 (positions 0 to 2); raise ArrayLength or correct the index"));
        await Verify("""[ProtocolMessage("v", Layout = WireLayout.Value)] public partial class {|#0:V|} { public int A { get; set; } public int B { get; set; } }""",
            At(Descriptors.LayoutMismatch, "'V': Layout = WireLayout.Value needs exactly one serialized member, found 2"));
        await Verify("""[ProtocolMessage("a")] public partial class A { [WireNumberAsString] public string {|#0:S|} { get; set; } = ""; }""",
            At(Descriptors.LayoutMismatch, "'A.S': [WireNumberAsString] applies only to numeric members; remove it"));
    }

    [Fact]
    public async Task PROTO011_types_and_members_the_reader_cannot_fill()
    {
        await Verify("""[ProtocolMessage("a")] public partial class A { public int {|#0:X|} { get; } }""",
            At(Descriptors.NotConstructible, "'A.X' cannot be filled by the generated reader: it has no setter or init accessor; add one or mark it [WireIgnore]"));
        await Verify("""[ProtocolMessage("a")] public partial record {|#0:A|}(int X);""",
            At(Descriptors.NotConstructible, "'A' cannot be filled by the generated reader: a reader needs a parameterless constructor (and a non-abstract type); add one"));
    }

    [Fact]
    public Task PROTO012_unknown_platform() =>
        Verify("""[{|#0:ProtocolMessage("a", Platform = "Nope")|}] public partial class A { public int X { get; set; } }""",
            At(Descriptors.UnknownPlatform, "'A' names platform 'Nope', but no [assembly: ProtocolPlatform] declares that name; declare it with [assembly: ProtocolPlatform(\"Nope\")] or set Platform to one of the declared names"));

    [Fact]
    public Task PROTO013_regions_file_not_an_additional_file() =>
        Verify("""[{|#0:ProtocolRegions("regions.json")|}] public static partial class R;""",
            At(Descriptors.RegionsFileMissing, "'R' reads regions from 'regions.json', but no AdditionalFiles item has that name; add <AdditionalFiles Include=\"regions.json\" /> to the project"));

    [Fact]
    public async Task PROTO014_invalid_configuration_settings()
    {
        await Verify("""[ProtocolConfiguration] public partial class C { [{|#0:ConfigRange(5, 1)|}] public int X { get; set; } }""",
            At(Descriptors.InvalidConfiguration, "Configuration setting 'C.X': [ConfigRange] minimum 5 is greater than maximum 1"));
        await Verify("""[ProtocolConfiguration] public partial class C { public System.IO.Stream? {|#0:S|} { get; set; } }""",
            At(Descriptors.InvalidConfiguration, "Configuration setting 'C.S': type 'System.IO.Stream?' is not supported; use string, bool, int, long, uint, double, decimal, TimeSpan, Uri, an enum, or List<string>"));
        await Verify("""[ProtocolConfiguration] public partial class C { public int {|#0:X|} { get; } }""",
            At(Descriptors.InvalidConfiguration, "Configuration setting 'C.X': settings need a public setter so the builder and binders can assign them; add 'set;'"));
    }

    [Fact]
    public async Task PROTO015_invalid_module_declarations()
    {
        await Verify(ModuleMessages + Module + """[ModuleCommand] private bool {|#0:Run|}(Req request, Res response) => true; }""",
            At(Descriptors.InvalidModule, "Module 'M': [ModuleCommand] 'Run' has the wrong shape; write it as 'static bool Name(TRequest request, TResponse response)' returning whether the response answers the request"));
        await Verify(ModuleMessages + Module + """[ModuleCommand] private static bool {|#0:Run|}(S request, Res response) => true; }""",
            At(Descriptors.InvalidModule, "Module 'M': [ModuleCommand] 'Run': the request 'S' is not a message; mark it [ProtocolMessage]"));
        await Verify(ModuleMessages + Module + """[ModuleCommand] private static bool Run(Req request, Res response) => true; [{|#0:ModuleCommandFailure("Nope")|}] private static string? Failed(Req request, Err e) => e.Error; }""",
            At(Descriptors.InvalidModule, "Module 'M': [ModuleCommandFailure(\"Nope\")] on 'Failed' names no [ModuleCommand] method of this module; use nameof(TheCommandMethod)"));
        await Verify(ModuleMessages + Module + """[ModuleCommand] private static bool Run(Req request, Res response) => true; [{|#0:ModuleCommandFailure(nameof(Run))|}] private static string? Failed(Res request, Err e) => e.Error; }""",
            At(Descriptors.InvalidModule, "Module 'M': 'Failed' takes 'Res', but command 'Run' sends 'Req'; the first parameter must be the command's request type"));
        await Verify(ModuleMessages + """[ModuleSend(typeof(Req))] [{|#0:ProtocolModule("m", typeof(int))|}] public sealed partial class M;""",
            At(Descriptors.InvalidModule, "Module 'M': the state type 'int' must be a class: the client shares one instance with every module"));
        await Verify(ModuleMessages + """[ModuleSend(typeof(Req))] [ProtocolModule("m", typeof(S))] public sealed partial class M { public {|#0:M|}() { } }""",
            At(Descriptors.InvalidModule, "Module 'M': remove its constructors: the runtime creates instances (again after each crash) through the generated Create(context, api); use Context and Api instead"));
        await Verify(ModuleMessages + """[ModuleSend(typeof(Req))] [ProtocolModule("m", typeof(S))] public sealed partial class {|#0:M|} : System.Collections.Generic.List<int>;""",
            At(Descriptors.InvalidModule, "Module 'M': it already derives from 'System.Collections.Generic.List<int>'; remove the base class, the generator makes it an ApiModule<TState, TApi>"));
        await Verify(ModuleMessages + """[ModuleSend(typeof(Req), Name = "Run")] [{|#0:ProtocolModule("m", typeof(S))|}] [ModuleStream(typeof(Res), "RunAsync")] public sealed partial class M;""",
            At(Descriptors.InvalidModule, "Module 'M': its API would have two members named 'RunAsync'; rename a command, a [ModuleSend] (Name = …), a stream or a [ModuleWait] method"));
        await Verify(ModuleMessages + """[ProtocolModule("m", typeof(S))] [{|#0:ModuleSend(typeof(Req), Name = "Watch me")|}] public sealed partial class M;""",
            At(Descriptors.InvalidModule, "Module 'M': the [ModuleSend] name 'Watch me' is not a valid identifier; the API gets {name}Async"));
        await Verify(ModuleMessages + """[ProtocolModule("m", typeof(S))] [{|#0:ModuleStream(typeof(S), "Ticks")|}] [ModuleSend(typeof(Req))] public sealed partial class M;""",
            At(Descriptors.InvalidModule, "Module 'M': [ModuleStream] names 'S', which is not an inbound message; mark it [ProtocolMessage]"));
        await Verify(ModuleMessages + """public partial class Outer { [ProtocolModule("m", typeof(S))] [ModuleSend(typeof(Req))] private sealed partial class {|#0:M|}; }""",
            At(Descriptors.InvalidModule, "Module 'Outer.M': it must be public or internal (and so must its containing types): its registration is an extension method"));
        await Verify(ModuleMessages + """[ProtocolModule("m", typeof(S))] [ModuleSend(typeof(Req))] public sealed partial class M { [ModuleHandler] private int {|#0:On|}(Res r) => 1; }""",
            At(Descriptors.InvalidModule, "Module 'M': [ModuleHandler] 'On' has the wrong shape; write 'void Name(TMessage message)' or 'ValueTask Name(TMessage message, CancellationToken cancellationToken)'"));
    }

    [Fact]
    public Task A_failure_returning_a_nullable_Exception_is_a_valid_declaration() =>
        Verify(ModuleMessages + Module + """[ModuleCommand] private static bool Run(Req request, Res response) => true; [ModuleCommandFailure(nameof(Run))] private static System.Exception? Failed(Req request, Err e) => e.Error.Length > 0 ? new System.InvalidOperationException(e.Error) : null; }""");

    [Fact]
    public async Task PROTO015_module_attributes_outside_a_module()
    {
        await Verify(ModuleMessages + """public static class NotAModule { [{|#0:ModuleCommand|}] private static bool Run(Req request, Res response) => true; }""",
            At(Descriptors.InvalidModule, "Module 'NotAModule': [ModuleCommand] on 'Run' only works in a [ProtocolModule] class; add [ProtocolModule] or remove it"));
        await Verify(ModuleMessages + """[{|#0:ModuleStream(typeof(Res), "Ticks")|}] public sealed class NotAModule;""",
            At(Descriptors.InvalidModule, "Module 'NotAModule': [ModuleStream] only works on a [ProtocolModule] class; add [ProtocolModule] or remove it"));
    }

    private const string Keyed = """[ModuleKeyedStream("Ticks")] private static string Asset(Res r) => "";""";

    private const string Selector = "write it as 'static TKey Name(TMessage message)' returning the key (e.g. the asset) of an inbound [ProtocolMessage]";

    [Fact]
    public async Task PROTO016_key_selector_of_the_wrong_shape()
    {
        await Verify(ModuleMessages + Module + """[ModuleKeyedStream("Ticks")] private string {|#0:Asset|}(Res r) => ""; }""",
            At(Descriptors.InvalidKeySelector, $"Module 'M': [ModuleKeyedStream] 'Asset' has the wrong shape; {Selector}"));
        await Verify(ModuleMessages + Module + """[ModuleKeyedStream("Ticks")] private static void {|#0:Asset|}(Res r) { } }""",
            At(Descriptors.InvalidKeySelector, $"Module 'M': [ModuleKeyedStream] 'Asset' has the wrong shape; {Selector}"));
        await Verify(ModuleMessages + Module + """[ModuleKeyedStream("Ticks")] private static string {|#0:Asset|}(Res r, int extra) => ""; }""",
            At(Descriptors.InvalidKeySelector, $"Module 'M': [ModuleKeyedStream] 'Asset' has the wrong shape; {Selector}"));
        await Verify(ModuleMessages + Module + """[ModuleKeyedStream("Ticks")] private static string {|#0:Asset|}(S r) => ""; }""",
            At(Descriptors.InvalidKeySelector, $"Module 'M': [ModuleKeyedStream] 'Asset': 'S' is not an inbound message; {Selector}"));
        await Verify(ModuleMessages + Module + """[ModuleKeyedStream("Ticks")] private static int? {|#0:Asset|}(Res r) => r.Id; }""",
            At(Descriptors.InvalidKeySelector, "Module 'M': [ModuleKeyedStream] 'Asset': the key type 'int?' cannot be a key; return a non-nullable value type or a reference type (return null from a reference type to drop a message)"));
        await Verify(ModuleMessages + Module + """private static System.Collections.Generic.IEqualityComparer<int> Ids => System.Collections.Generic.EqualityComparer<int>.Default; [{|#0:ModuleKeyedStream("Ticks", Comparer = nameof(Ids))|}] private static string Asset(Res r) => ""; }""",
            At(Descriptors.InvalidKeySelector, "Module 'M': the Comparer 'Ids' of keyed stream 'Ticks' names no static property or field of this module of type IEqualityComparer<string>; declare one (e.g. 'static IEqualityComparer<string> Ids => …') or remove Comparer"));
        await Verify(ModuleMessages + Module + """[{|#0:ModuleKeyedStream("Tick s")|}] private static string Asset(Res r) => ""; }""",
            At(Descriptors.InvalidKeySelector, "Module 'M': the keyed stream name 'Tick s' on 'Asset' is not a valid identifier; the API gets Subscribe{name}Async"));
    }

    [Fact]
    public async Task PROTO017_start_or_stop_naming_no_keyed_stream()
    {
        await Verify(ModuleMessages + Module + Keyed + """[{|#0:ModuleStreamStart("Tick")|}] private static Req Start(string asset) => new(); }""",
            At(Descriptors.UnknownKeyedStream, "Module 'M': [ModuleStreamStart(\"Tick\")] on 'Start' names no [ModuleKeyedStream] of this module; use the name given to [ModuleKeyedStream] on the key selector"));
        await Verify(ModuleMessages + Module + Keyed + """[{|#0:ModuleStreamStop("Quotes")|}] private static Req Stop(string asset) => new(); }""",
            At(Descriptors.UnknownKeyedStream, "Module 'M': [ModuleStreamStop(\"Quotes\")] on 'Stop' names no [ModuleKeyedStream] of this module; use the name given to [ModuleKeyedStream] on the key selector"));
    }

    [Fact]
    public async Task PROTO018_start_or_stop_with_the_wrong_parameter_return_or_shape()
    {
        const string Shape = "write it as 'static TMessage Name(TKey key)' or 'static TMessage Name(TKey key, S state)' returning the [ProtocolMessage] to send for the key";
        await Verify(ModuleMessages + Module + Keyed + """[ModuleStreamStart("Ticks")] private static Req {|#0:Start|}(int asset) => new(); }""",
            At(Descriptors.InvalidStreamMessage, "Module 'M': [ModuleStreamStart] 'Start' takes 'int', but stream 'Ticks' is keyed by 'string'; its first parameter must be the key type"));
        await Verify(ModuleMessages + Module + Keyed + """[ModuleStreamStart("Ticks")] private static S {|#0:Start|}(string asset) => new(); }""",
            At(Descriptors.InvalidStreamMessage, "Module 'M': [ModuleStreamStart] 'Start' returns 'S', which is not an outgoing message; return a [ProtocolMessage] type"));
        await Verify(ModuleMessages + Module + Keyed + """[ModuleStreamStop("Ticks")] private Req {|#0:Stop|}(string asset) => new(); }""",
            At(Descriptors.InvalidStreamMessage, $"Module 'M': [ModuleStreamStop] 'Stop' has the wrong shape; {Shape}"));
        await Verify(ModuleMessages + Module + Keyed + """[ModuleStreamStart("Ticks")] private static Req {|#0:Start|}(string asset, S state, int n) => new(); }""",
            At(Descriptors.InvalidStreamMessage, $"Module 'M': [ModuleStreamStart] 'Start' has the wrong shape; {Shape}"));
        await Verify(ModuleMessages + "public sealed class Other { }\n" + Module + Keyed + """[ModuleStreamStart("Ticks")] private static Req {|#0:Start|}(string asset, Other state) => new(); }""",
            At(Descriptors.InvalidStreamMessage, $"Module 'M': [ModuleStreamStart] 'Start' takes 'Other' second, but the module's state is 'S'; {Shape}"));
        await Verify(ModuleMessages + Module + Keyed + """[ModuleStreamStop("Ticks")] private static Req {|#0:Stop|}(string asset, int n) => new(); }""",
            At(Descriptors.InvalidStreamMessage, $"Module 'M': [ModuleStreamStop] 'Stop' takes 'int' second, but the module's state is 'S'; {Shape}"));
    }

    [Fact]
    public Task Start_and_stop_messages_that_take_the_state_are_valid() =>
        Verify(ModuleMessages + Module + Keyed + """
            [ModuleStreamStart("Ticks")] private static Req Change(string asset) => new();
            [ModuleStreamStart("Ticks")] private static Req Subscribe(string asset, S state) => new();
            [ModuleStreamStop("Ticks")] private static Req Unsubscribe(string asset, S state) => new(); }
            """);

    [Fact]
    public async Task PROTO019_two_streams_with_one_name()
    {
        await Verify(ModuleMessages + Module + Keyed + """[{|#0:ModuleKeyedStream("Ticks")|}] private static int Id(Res r) => r.Id; }""",
            At(Descriptors.DuplicateStreamName, "Module 'M': the keyed stream 'Ticks' on 'Id' has the name of 'Asset'; give each stream its own name"));
        await Verify(ModuleMessages + """[ProtocolModule("m", typeof(S))] [ModuleStream(typeof(Res), "Ticks")] public sealed partial class M { [{|#0:ModuleKeyedStream("Ticks")|}] private static string Asset(Res r) => ""; }""",
            At(Descriptors.DuplicateStreamName, "Module 'M': the keyed stream 'Ticks' on 'Asset' has the name of a [ModuleStream]; give each stream its own name"));
    }

    [Fact]
    public Task PROTO020_more_than_one_stop_message() =>
        Verify(ModuleMessages + Module + Keyed + """
            [ModuleStreamStop("Ticks")] private static Req Stop(string asset) => new();
            [{|#0:ModuleStreamStop("Ticks")|}] private static Req Unsubscribe(string asset) => new(); }
            """,
            At(Descriptors.DuplicateStreamStop, "Module 'M': stream 'Ticks' has more than one [ModuleStreamStop] ('Stop' and 'Unsubscribe'); keep one: it is sent when a key's last subscriber leaves"));

    [Fact]
    public async Task PROTO021_invalid_waits()
    {
        const string Shape = "write it as 'static bool Name(TArgument argument, TMessage message)' returning whether the message is the event a wait for the argument waits for";
        await Verify(ModuleMessages + Module + """[ModuleWait] private static string {|#0:Closed|}(int id, Res r) => ""; }""",
            At(Descriptors.InvalidWait, $"Module 'M': [ModuleWait] 'Closed' has the wrong shape; {Shape}"));
        await Verify(ModuleMessages + Module + """[ModuleWait] private bool {|#0:Closed|}(int id, Res r) => true; }""",
            At(Descriptors.InvalidWait, $"Module 'M': [ModuleWait] 'Closed' has the wrong shape; {Shape}"));
        await Verify(ModuleMessages + Module + """[ModuleWait] private static bool {|#0:Closed|}(int id, S s) => true; }""",
            At(Descriptors.InvalidWait, "Module 'M': [ModuleWait] 'Closed': 'S' is not an inbound message; the second parameter must be the [ProtocolMessage] waited for"));
        await Verify(ModuleMessages + """public static class NotAModule { [{|#0:ModuleWait|}] private static bool Closed(int id, Res r) => true; }""",
            At(Descriptors.InvalidModule, "Module 'NotAModule': [ModuleWait] on 'Closed' only works in a [ProtocolModule] class; add [ProtocolModule] or remove it"));
    }

    [Fact]
    public async Task Valid_declarations_report_nothing()
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "Fixtures");
        var test = new ProtocolAnalyzerTest
        {
            // The fixtures use members the generators add (the module's Context), and only the analyzer runs here.
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.TestState.Sources.Add(File.ReadAllText(Path.Combine(fixtures, "PocketOptionMessages.cs")));
        test.TestState.Sources.Add(File.ReadAllText(Path.Combine(fixtures, "TradesModule.cs")));
        test.TestState.Sources.Add(File.ReadAllText(Path.Combine(fixtures, "MarketModule.cs")));
        test.TestState.Sources.Add(File.ReadAllText(Path.Combine(fixtures, "SessionModule.cs")));
        test.TestState.Sources.Add(File.ReadAllText(Path.Combine(fixtures, "QuoteMessages.cs")));
        test.TestState.Sources.Add(OtherGeneratorTests.TimeoutSource);
        test.TestState.Sources.Add(OtherGeneratorTests.ConfigurationSource);
        test.TestState.Sources.Add(OtherGeneratorTests.RegionsSource);
        test.TestState.AdditionalFiles.Add(("/r/regions.json", OtherGeneratorTests.RegionsJson));
        await test.RunAsync();
    }

    private static DiagnosticResult At(DiagnosticDescriptor descriptor, string message, int location = 0) => new DiagnosticResult(descriptor).WithLocation(location).WithMessage(message);

    private static Task Verify(string markup, params DiagnosticResult[] expected) => Verify(markup, [], expected);

    private static Task Verify(string markup, (string Path, string Text)[] additional, params DiagnosticResult[] expected)
    {
        var test = new ProtocolAnalyzerTest { TestCode = Usings + markup };
        foreach (var file in additional)
        {
            test.TestState.AdditionalFiles.Add(file);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
