using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Protocol.Generators.Helpers;
using Protocol.Generators.Messages;

namespace Protocol.Generators.Diagnostics;

/// <summary>
/// Reports what no single declaration shows: wire names declared twice (PROTO002) and module attributes outside a module (PROTO015).
/// Every other PROTO diagnostic is reported by the generator whose parser found it (<see cref="Pipelines.ValidModels{T}"/>): the
/// command-line compiler skips analyzers once the compilation has a declaration error, and a declaration the generator refused is
/// what causes one. What stays here cannot cause one: both messages of a duplicate name are still generated, and a stray attribute
/// generates nothing a user could call. Analyzers (not generators) report these, so #pragma works on them.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProtocolAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.DuplicateWireName,
        Descriptors.InvalidModule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var wireNames = new ConcurrentBag<(string Platform, bool Incoming, string Name, INamedTypeSymbol Type)>();
            start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, wireNames), SymbolKind.NamedType);
            start.RegisterSymbolAction(Modules.ModuleParser.AnalyzeStrayAttributes, SymbolKind.Method);
            start.RegisterCompilationEndAction(end => ReportDuplicateWireNames(end, wireNames));
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, ConcurrentBag<(string, bool, string, INamedTypeSymbol)> wireNames)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        foreach (var attribute in type.GetAttributes())
        {
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

        var diagnostics = new List<Diagnostic>();
        Modules.ModuleParser.AnalyzeStrayAttributes(type, diagnostics);
        foreach (var d in diagnostics)
        {
            context.ReportDiagnostic(d);
        }
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
