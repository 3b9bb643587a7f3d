using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Protocol.Generators.Diagnostics;

namespace Protocol.Generators.Helpers;

/// <summary>What a parser made of one declaration: its model (null when nothing can be generated) and the diagnostics it found.</summary>
internal sealed record Parsed<T>(T? Model, EquatableArray<DiagnosticInfo> Diagnostics)
    where T : class;

internal static class Pipelines
{
    /// <summary>
    /// The generators' common front: the attributed declarations parsed to models with their diagnostics, the diagnostics reported
    /// (by the generator, not an analyzer: the command-line compiler skips analyzers when the compilation has declaration errors, so a
    /// PROTO error that explains a missing generated member would never be shown), then only the models. Both steps carry tracking
    /// names so the caching tests can assert their run reasons.
    /// </summary>
    public static IncrementalValuesProvider<T> ValidModels<T>(
        this IncrementalGeneratorInitializationContext context,
        string attribute,
        Func<SyntaxNode, CancellationToken, bool> predicate,
        Func<GeneratorAttributeSyntaxContext, List<DiagnosticInfo>, CancellationToken, T?> parse,
        string parsedName,
        string validName)
        where T : class
    {
        var parsed = context.SyntaxProvider.ForAttributeWithMetadataName(attribute, predicate, (ctx, ct) =>
            {
                var diagnostics = new List<DiagnosticInfo>();
                var model = parse(ctx, diagnostics, ct);
                return new Parsed<T>(model, diagnostics.Distinct().ToEquatableArray());
            })
            .WithTrackingName(parsedName);

        context.ReportDiagnostics(parsed.Select(static (p, _) => p.Diagnostics));
        return parsed
            .Where(static p => p.Model is not null)
            .Select(static (p, _) => p.Model!)
            .WithTrackingName(validName);
    }

    /// <summary>Reports each item's diagnostics in a source output step; items without any never reach it (no output node each).</summary>
    public static void ReportDiagnostics(this IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics) =>
        context.RegisterSourceOutput(diagnostics.Where(static d => d.Count != 0), static (spc, items) =>
        {
            foreach (var item in items)
            {
                spc.ReportDiagnostic(item.ToDiagnostic());
            }
        });
}
