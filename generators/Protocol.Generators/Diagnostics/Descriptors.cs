using System.Linq;
using Microsoft.CodeAnalysis;

namespace Protocol.Generators.Diagnostics;

/// <summary>The diagnostic catalogue. Ids are stable and listed in AnalyzerReleases.*.md; messages say how to fix.</summary>
internal static class Descriptors
{
    private const string Category = "Protocol";

    public static readonly DiagnosticDescriptor MissingPartial = Rule(
        "PROTO001", "Type must be partial",
        "'{0}' must be declared 'partial' (and so must every type containing it) so the generator can add its {1} code; add the 'partial' modifier");

    public static readonly DiagnosticDescriptor DuplicateWireName = new(
        "PROTO002", "Duplicate wire name",
        "The wire name '{0}' is declared by both '{1}' and '{2}' as {4} messages on platform '{3}'; {5}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor UnsupportedMemberType = Rule(
        "PROTO003", "Member type not serializable",
        "Member '{0}' has type '{1}', which the generated serializer cannot handle; use string, bool, a number type, an enum, JsonElement, Dictionary<string, JsonElement>, an array or List<T> of those, a [WireType]/[ProtocolMessage] type, or mark it [WireIgnore]");

    public static readonly DiagnosticDescriptor MalformedRegions = Rule(
        "PROTO004", "Malformed regions file",
        "The regions file '{0}' is invalid at line {1}, column {2}: {3}");

    public static readonly DiagnosticDescriptor DuplicateRegion = Rule(
        "PROTO005", "Duplicate region name",
        "The regions file '{0}' declares the region '{1}' more than once (or two names map to the same identifier '{2}'); rename one of them");

    public static readonly DiagnosticDescriptor InvalidTimeout = Rule(
        "PROTO006", "Invalid timeout declaration",
        "The timeout on '{0}' is invalid: {1}");

    public static readonly DiagnosticDescriptor EmptyModule = Rule(
        "PROTO007", "Module offers nothing to call",
        "Module '{0}' declares no [ModuleCommand] method, [ModuleSend], [ModuleStream], [ModuleKeyedStream], [ModuleWait], [ModuleHandler], [ModuleOnReady] or [ModulePeriodic], so it would do nothing and its API '{1}' would be empty; declare what users call or what the module handles, or remove it");

    public static readonly DiagnosticDescriptor InvalidWireName = Rule(
        "PROTO008", "Invalid wire name",
        "The wire name '{0}' of '{1}' is empty or contains whitespace or control characters, so no frame can carry it; use the exact event name the platform sends");

    public static readonly DiagnosticDescriptor DuplicateMemberName = Rule(
        "PROTO009", "Duplicate member name or position",
        "'{0}' is used by more than one member of '{1}' ({2}); a reader could only fill one of them, so give each member its own wire name, alias or [WireIndex]");

    public static readonly DiagnosticDescriptor LayoutMismatch = Rule(
        "PROTO010", "Member does not fit the layout",
        "'{0}': {1}");

    public static readonly DiagnosticDescriptor NotConstructible = Rule(
        "PROTO011", "Type or member cannot be read",
        "'{0}' cannot be filled by the generated reader: {1}");

    public static readonly DiagnosticDescriptor UnknownPlatform = Rule(
        "PROTO012", "Unknown or ambiguous platform",
        "'{0}' names platform '{1}', but {2}; declare it with [assembly: ProtocolPlatform(\"{1}\")] or set Platform to one of the declared names");

    public static readonly DiagnosticDescriptor RegionsFileMissing = Rule(
        "PROTO013", "Regions file not found",
        "'{0}' reads regions from '{1}', but no AdditionalFiles item has that name; add <AdditionalFiles Include=\"{1}\" /> to the project");

    public static readonly DiagnosticDescriptor InvalidConfiguration = Rule(
        "PROTO014", "Invalid configuration declaration",
        "Configuration setting '{0}': {1}");

    public static readonly DiagnosticDescriptor InvalidModule = Rule(
        "PROTO015", "Invalid module declaration",
        "Module '{0}': {1}");

    public static readonly DiagnosticDescriptor InvalidKeySelector = Rule(
        "PROTO016", "Invalid keyed stream key selector",
        "Module '{0}': {1}");

    public static readonly DiagnosticDescriptor UnknownKeyedStream = Rule(
        "PROTO017", "Start or stop message names no keyed stream",
        "Module '{0}': {1}");

    public static readonly DiagnosticDescriptor InvalidStreamMessage = Rule(
        "PROTO018", "Invalid start or stop message",
        "Module '{0}': {1}");

    public static readonly DiagnosticDescriptor DuplicateStreamName = Rule(
        "PROTO019", "Two streams with one name",
        "Module '{0}': {1}");

    public static readonly DiagnosticDescriptor DuplicateStreamStop = Rule(
        "PROTO020", "More than one stop message",
        "Module '{0}': {1}");

    public static readonly DiagnosticDescriptor InvalidWait = Rule(
        "PROTO021", "Invalid wait declaration",
        "Module '{0}': {1}");

    public static readonly DiagnosticDescriptor InvalidMessage = Rule(
        "PROTO030", "Invalid message declaration",
        "'{0}': {1}");

    public static readonly DiagnosticDescriptor InvalidReadyHook = Rule(
        "PROTO031", "Invalid on-Ready hook",
        "Module '{0}': {1}");

    public static readonly DiagnosticDescriptor InvalidPeriodicSend = Rule(
        "PROTO032", "Invalid periodic send",
        "Module '{0}': {1}");

    public static readonly DiagnosticDescriptor MessageAgainstDirection = Rule(
        "PROTO033", "Message used against its declared direction",
        "Module '{0}': {1}");

    private static readonly System.Collections.Generic.Dictionary<string, DiagnosticDescriptor> All = typeof(Descriptors)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToDictionary(d => d.Id);

    /// <summary>The descriptor of an id (a <see cref="DiagnosticInfo"/> carries the id, not the descriptor).</summary>
    public static DiagnosticDescriptor ById(string id) => All[id];

    private static DiagnosticDescriptor Rule(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
