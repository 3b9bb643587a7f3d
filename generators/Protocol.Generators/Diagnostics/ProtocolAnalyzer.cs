using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Protocol.Generators.Helpers;
using Protocol.Generators.Messages;
using Protocol.Generators.Regions;

namespace Protocol.Generators.Diagnostics;

/// <summary>
/// Reports what the generators silently skip: it runs the generators' own parsers with a diagnostics list, so a rule cannot drift
/// between "generated" and "reported". Analyzers (not generators) report, so severity configuration and #pragma work.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProtocolAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.MissingPartial,
        Descriptors.DuplicateWireName,
        Descriptors.UnsupportedMemberType,
        Descriptors.MalformedRegions,
        Descriptors.DuplicateRegion,
        Descriptors.InvalidTimeout,
        Descriptors.EmptyModule,
        Descriptors.InvalidWireName,
        Descriptors.DuplicateMemberName,
        Descriptors.LayoutMismatch,
        Descriptors.NotConstructible,
        Descriptors.UnknownPlatform,
        Descriptors.RegionsFileMissing,
        Descriptors.InvalidConfiguration,
        Descriptors.InvalidModule,
        Descriptors.InvalidKeySelector,
        Descriptors.UnknownKeyedStream,
        Descriptors.InvalidStreamMessage,
        Descriptors.DuplicateStreamName,
        Descriptors.DuplicateStreamStop,
        Descriptors.InvalidWait,
        Descriptors.InvalidMessage,
        Descriptors.InvalidReadyHook,
        Descriptors.InvalidPeriodicSend,
        Descriptors.MessageAgainstDirection);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var wireNames = new ConcurrentBag<(string Platform, bool Incoming, string Name, INamedTypeSymbol Type)>();
            start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, wireNames), SymbolKind.NamedType);
            start.RegisterSymbolAction(Timeouts.TimeoutParser.Analyze, SymbolKind.Method);
            start.RegisterSymbolAction(Modules.ModuleParser.AnalyzeStrayAttributes, SymbolKind.Method);
            start.RegisterCompilationEndAction(end => ReportDuplicateWireNames(end, wireNames));
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, ConcurrentBag<(string, bool, string, INamedTypeSymbol)> wireNames)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var diagnostics = new List<Diagnostic>();
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.Is(AttributeNames.Message) || attribute.Is(AttributeNames.WireType))
            {
                MessageParser.Parse(type, attribute, context.Compilation, diagnostics, context.CancellationToken);
                if (attribute.Is(AttributeNames.Message) && attribute.Ctor<string>(0) is { Length: > 0 } name)
                {
                    // Names are unique per platform and direction: a Both message counts in each; aliases are received names only.
                    var platform = MessageParser.PlatformName(attribute, context.Compilation);
                    var direction = attribute.Named("Direction", 0);
                    if (direction != 1)
                    {
                        wireNames.Add((platform, true, name, type));
                        foreach (var alias in MessageParser.Aliases(attribute))
                        {
                            wireNames.Add((platform, true, alias, type));
                        }
                    }

                    if (direction != 2)
                    {
                        wireNames.Add((platform, false, name, type));
                    }
                }
            }
            else if (attribute.Is(AttributeNames.Regions))
            {
                AnalyzeRegions(context, type, attribute, diagnostics);
            }
            else if (attribute.Is(AttributeNames.Configuration))
            {
                Configuration.ConfigurationParser.Parse(type, context.Compilation, diagnostics, context.CancellationToken);
            }
            else if (attribute.Is(AttributeNames.Module))
            {
                Modules.ModuleParser.Parse(type, attribute, diagnostics, context.CancellationToken);
            }
        }

        Modules.ModuleParser.AnalyzeStrayAttributes(type, diagnostics);

        foreach (var d in diagnostics.Distinct())
        {
            context.ReportDiagnostic(d);
        }
    }

    private static void AnalyzeRegions(SymbolAnalysisContext context, INamedTypeSymbol type, AttributeData attribute, List<Diagnostic> diagnostics)
    {
        if (type.FirstNonPartial(context.CancellationToken) is { } notPartial)
        {
            diagnostics.Add(Diagnostic.Create(Descriptors.MissingPartial, notPartial.Where(), notPartial.ToDisplayString(), "regions"));
        }

        var fileName = attribute.Ctor<string>(0) ?? "";
        var file = context.Options.AdditionalFiles.FirstOrDefault(f => RegionsParser.NameMatches(f.Path, fileName));
        if (file is null)
        {
            diagnostics.Add(Diagnostic.Create(Descriptors.RegionsFileMissing, attribute.Where(type), type.ToDisplayString(), fileName));
            return;
        }

        var text = file.GetText(context.CancellationToken);
        var parsed = RegionsParser.Parse(System.IO.Path.GetFileName(file.Path), text?.ToString() ?? "");
        if (parsed.Error is { } error)
        {
            diagnostics.Add(Diagnostic.Create(Descriptors.MalformedRegions, FileLocation(file.Path, text, error.Offset), file.Path, error.Line, error.Column, error.Message));
        }

        foreach (var duplicate in parsed.Duplicates)
        {
            diagnostics.Add(Diagnostic.Create(Descriptors.DuplicateRegion, FileLocation(file.Path, text, duplicate.Offset), file.Path, duplicate.Name, duplicate.Identifier));
        }
    }

    private static Location FileLocation(string path, SourceText? text, int offset)
    {
        if (text is null || text.Length == 0)
        {
            return Location.Create(path, default, default);
        }

        offset = System.Math.Min(offset, text.Length - 1);
        var span = new TextSpan(offset, 1);
        return Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
    }

    private static void ReportDuplicateWireNames(CompilationAnalysisContext context, ConcurrentBag<(string Platform, bool Incoming, string Name, INamedTypeSymbol Type)> wireNames)
    {
        // One report per type pair: a Both pair collides in both directions, and the incoming report says all there is to say.
        var reported = new HashSet<(string, string, INamedTypeSymbol)>();
        foreach (var group in wireNames.GroupBy(w => (w.Platform, w.Incoming, w.Name)).OrderBy(g => g.Key.Incoming ? 0 : 1))
        {
            var types = group.Select(g => g.Type).Distinct<INamedTypeSymbol>(SymbolEqualityComparer.Default)
                .OrderBy(t => t.ToDisplayString(), System.StringComparer.Ordinal).ToList();
            for (var i = 1; i < types.Count; i++)
            {
                if (!reported.Add((group.Key.Platform, group.Key.Name, types[i])))
                {
                    continue;
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.DuplicateWireName,
                    types[i].Where(),
                    group.Key.Name,
                    types[0].ToDisplayString(),
                    types[i].ToDisplayString(),
                    group.Key.Platform.Length == 0 ? "(default)" : group.Key.Platform,
                    group.Key.Incoming ? "incoming" : "outgoing",
                    group.Key.Incoming
                        ? "frames under that name could not be routed to one type, so keep one incoming type per name (list the other names it arrives under in Aliases); if one of them is a request the client sends, declare it Direction = WireDirection.Outgoing"
                        : "keep one outgoing type per name; if one of them is the platform's answer, declare it Direction = WireDirection.Incoming"));
            }
        }
    }
}
