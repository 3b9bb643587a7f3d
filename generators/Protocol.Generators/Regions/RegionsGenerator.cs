using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Protocol.Generators.Diagnostics;
using Protocol.Generators.Helpers;

namespace Protocol.Generators.Regions;

/// <summary>A [ProtocolRegions] declaration: <see cref="Diagnostics"/> holds PROTO001 when it is not partial (nothing is generated then),
/// <see cref="FileMissing"/> the PROTO013 to report when no AdditionalFiles item has its file name.</summary>
internal sealed record RegionsDeclaration(TypeDecl Type, string FileName, EquatableArray<DiagnosticInfo> Diagnostics, DiagnosticInfo FileMissing);

internal sealed record RegionsModel(TypeDecl Type, string FileName, EquatableArray<RegionModel> Regions);

/// <summary>A declaration joined with its file: the model to emit (null when the file is missing or invalid) and the PROTO013, if any.</summary>
internal sealed record RegionsJoin(RegionsModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>[ProtocolRegions("regions.json")] on a static partial class: constants and lists from the AdditionalFile.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class RegionsGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var declarations = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.Regions,
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, ct) => Declare((INamedTypeSymbol)ctx.TargetSymbol, ctx.Attributes[0], ct))
            .WithTrackingName(TrackingNames.RegionDeclarations);
        context.ReportDiagnostics(declarations.Select(static (d, _) => d.Diagnostics));

        // Only files some declaration names are read; the text is parsed here so nothing downstream holds an AdditionalText.
        var files = context.AdditionalTextsProvider
            .Combine(declarations.Select(static (d, _) => d.FileName).Collect())
            .Where(static pair => pair.Right.Any(name => RegionsParser.NameMatches(pair.Left.Path, name)))
            .Select(static (pair, ct) => Read(pair.Left.Path, pair.Left.GetText(ct)))
            .WithTrackingName(TrackingNames.RegionFiles);

        // Each file's problems once, however many declarations read it.
        context.ReportDiagnostics(files.Select(static (f, _) => f.Diagnostics));

        var joined = declarations
            .Combine(files.Collect())
            .Select(static (pair, _) =>
            {
                var match = pair.Right.FirstOrDefault(f => RegionsParser.NameMatches(f.Path, pair.Left.FileName));
                if (match is null)
                {
                    return new RegionsJoin(null, new[] { pair.Left.FileMissing }.ToEquatableArray());
                }

                var valid = match.File.IsValid && pair.Left.Diagnostics.Count == 0;
                return new RegionsJoin(valid ? new RegionsModel(pair.Left.Type, pair.Left.FileName, match.File.Regions) : null, EquatableArray<DiagnosticInfo>.Empty);
            });
        context.ReportDiagnostics(joined.Select(static (j, _) => j.Diagnostics));

        var models = joined
            .Where(static j => j.Model is not null)
            .Select(static (j, _) => j.Model!)
            .WithTrackingName(TrackingNames.Regions);

        context.RegisterSourceOutput(models, static (spc, m) => spc.AddSource(Names.HintName(m.Type.FullName.Replace("global::", ""), "Regions"), Emit(m)));
    }

    private static RegionsDeclaration Declare(INamedTypeSymbol type, AttributeData attribute, System.Threading.CancellationToken ct)
    {
        var fileName = attribute.Ctor<string>(0) ?? "";
        var diagnostics = type.FirstNonPartial(ct) is { } notPartial
            ? new[] { DiagnosticInfo.Create(Descriptors.MissingPartial, notPartial.Where(), notPartial.ToDisplayString(), "regions") }.ToEquatableArray()
            : EquatableArray<DiagnosticInfo>.Empty;
        return new RegionsDeclaration(TypeDecl.From(type), fileName, diagnostics,
            DiagnosticInfo.Create(Descriptors.RegionsFileMissing, attribute.Where(type), type.ToDisplayString(), fileName));
    }

    private static PathAndFile Read(string path, SourceText? text)
    {
        var file = RegionsParser.Parse(System.IO.Path.GetFileName(path), text?.ToString() ?? "");
        var diagnostics = new List<DiagnosticInfo>();
        if (file.Error is { } error)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.MalformedRegions, FileLocation(path, text, error.Offset), path, error.Line, error.Column, error.Message));
        }

        foreach (var duplicate in file.Duplicates)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.DuplicateRegion, FileLocation(path, text, duplicate.Offset), path, duplicate.Name, duplicate.Identifier));
        }

        return new PathAndFile(path, file, diagnostics.ToEquatableArray());
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

    internal static string Emit(RegionsModel m)
    {
        const string region = "global::Protocol.Region";
        var w = new SourceWriter();
        w.Header();
        var depth = m.Type.Open(w, "");
        foreach (var r in m.Regions)
        {
            var doc = System.Security.SecurityElement.Escape(r.Name);
            w.Line($"/// <summary>The URL of region <c>{doc}</c>.</summary>");
            w.Line($"public const string {r.Identifier}Url = {Names.Literal(r.Url)};");
            w.Line();
            w.Line($"/// <summary>The latitude of region <c>{doc}</c>.</summary>");
            w.Line($"public const double {r.Identifier}Latitude = {Names.Double(r.Latitude)};");
            w.Line();
            w.Line($"/// <summary>The longitude of region <c>{doc}</c>.</summary>");
            w.Line($"public const double {r.Identifier}Longitude = {Names.Double(r.Longitude)};");
            w.Line();
            w.Line($"/// <summary>Region <c>{doc}</c>{(r.Demo ? " (demo)" : "")}.</summary>");
            w.Line($"public static {region} {r.Identifier} {{ get; }} = new({Names.Literal(r.Name)}, {r.Identifier}Url, {r.Identifier}Latitude, {r.Identifier}Longitude, {(r.Demo ? "true" : "false")});");
            w.Line();
        }

        void List(string name, string doc, System.Func<RegionModel, bool> filter)
        {
            w.Line($"/// <summary>{doc}, in file order.</summary>");
            w.Line($"public static global::System.Collections.Generic.IReadOnlyList<{region}> {name} {{ get; }} = new {region}[] {{ {string.Join(", ", m.Regions.Where(filter).Select(r => r.Identifier))} }};");
            w.Line();
        }

        List("All", "Every region", _ => true);
        List("DemoRegions", "The demo regions", r => r.Demo);
        List("RealRegions", "The real-account regions", r => !r.Demo);
        TypeDecl.Close(w, depth);
        return w.ToString();
    }
}

internal sealed record PathAndFile(string Path, RegionsFile File, EquatableArray<DiagnosticInfo> Diagnostics);
