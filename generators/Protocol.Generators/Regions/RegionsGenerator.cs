using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Protocol.Generators.Helpers;

namespace Protocol.Generators.Regions;

internal sealed record RegionsDeclaration(TypeDecl Type, string FileName);

internal sealed record RegionsModel(TypeDecl Type, string FileName, EquatableArray<RegionModel> Regions);

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
                static (ctx, ct) => ((INamedTypeSymbol)ctx.TargetSymbol).FirstNonPartial(ct) is null
                    ? new RegionsDeclaration(TypeDecl.From((INamedTypeSymbol)ctx.TargetSymbol), ctx.Attributes[0].Ctor<string>(0) ?? "")
                    : null)
            .Where(static d => d is not null)
            .Select(static (d, _) => d!)
            .WithTrackingName(TrackingNames.RegionDeclarations);

        // Only files some declaration names are read; the text is parsed here so nothing downstream holds an AdditionalText.
        var files = context.AdditionalTextsProvider
            .Combine(declarations.Select(static (d, _) => d.FileName).Collect())
            .Where(static pair => pair.Right.Any(name => RegionsParser.NameMatches(pair.Left.Path, name)))
            .Select(static (pair, ct) => (Path: pair.Left.Path, File: RegionsParser.Parse(System.IO.Path.GetFileName(pair.Left.Path), pair.Left.GetText(ct)?.ToString() ?? "")))
            .Select(static (f, _) => new PathAndFile(f.Path, f.File))
            .WithTrackingName(TrackingNames.RegionFiles)
            .Collect();

        var models = declarations
            .Combine(files)
            .Select(static (pair, _) =>
            {
                var match = pair.Right.FirstOrDefault(f => RegionsParser.NameMatches(f.Path, pair.Left.FileName));
                return match is { File.IsValid: true } ? new RegionsModel(pair.Left.Type, pair.Left.FileName, match.File.Regions) : null;
            })
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(TrackingNames.Regions);

        context.RegisterSourceOutput(models, static (spc, m) => spc.AddSource(Names.HintName(m.Type.FullName.Replace("global::", ""), "Regions"), Emit(m)));
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

internal sealed record PathAndFile(string Path, RegionsFile File);
