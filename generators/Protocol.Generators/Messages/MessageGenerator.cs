using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Protocol.Generators.Diagnostics;
using Protocol.Generators.Helpers;

namespace Protocol.Generators.Messages;

/// <summary>
/// [ProtocolMessage] and [WireType] types: wire name, routing rule, envelope writer, JSON writer and reader, one file per type; plus
/// one shared class per assembly (<see cref="SharedHelpers"/>) with the enum helpers and pre-encoded property names they all use.
/// Invalid declarations produce no serializer, only a declaration-only shell (<see cref="MessageDeclarationEmitter"/>); this generator
/// reports why.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class MessageGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // A string, so a new compilation with the same assembly name compares equal and nothing downstream re-runs.
        var scope = context.CompilationProvider
            .Select(static (c, _) => SharedHelpers.Namespace(c.AssemblyName))
            .WithTrackingName(TrackingNames.SharedScope);

        var messages = Register(context, AttributeNames.Message, TrackingNames.MessageModels, TrackingNames.Messages, scope);
        var wireTypes = Register(context, AttributeNames.WireType, TrackingNames.WireTypeModels, TrackingNames.WireTypes, scope);

        // Each type's small slice (its enums and names) is what gets collected: an edit that changes a type but not its slice stops at
        // the slice, so the shared file is neither rebuilt nor re-emitted.
        var unit = messages.Select(static (m, _) => SharedHelpers.Items(m)).WithTrackingName(TrackingNames.SharedItems).Collect()
            .Combine(wireTypes.Select(static (m, _) => SharedHelpers.Items(m)).WithTrackingName(TrackingNames.SharedItems).Collect())
            .Combine(scope)
            .Select(static (pair, _) => SharedHelpers.Merge(pair.Left.Left, pair.Left.Right, pair.Right))
            .WithTrackingName(TrackingNames.SharedUnit);

        context.RegisterSourceOutput(unit, static (spc, u) =>
        {
            // An assembly whose types need nothing shared (or that declares none) gets no class at all.
            if (!u.IsEmpty)
            {
                spc.AddSource(SharedHelpers.HintName, SharedEmitter.Emit(u));
            }
        });
    }

    private static IncrementalValuesProvider<MessageModel> Register(
        IncrementalGeneratorInitializationContext context, string attribute, string modelsName, string validName, IncrementalValueProvider<string> scope)
    {
        var parsed = context.SyntaxProvider.ForAttributeWithMetadataName(
                attribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) =>
                {
                    var type = (INamedTypeSymbol)ctx.TargetSymbol;
                    var diagnostics = new List<DiagnosticInfo>();
                    var model = MessageParser.Parse(type, ctx.Attributes[0], ctx.SemanticModel.Compilation, diagnostics, ct);
                    var shell = model is null ? MessageDeclarationEmitter.Shell(type, ctx.Attributes[0], ct) : null;
                    return new ParsedMessage(model, shell, diagnostics.Distinct().ToEquatableArray());
                })
            .WithTrackingName(modelsName);

        // The parser's diagnostics are reported here (see Pipelines.ValidModels for why not by an analyzer); a refused type gets its
        // declaration-only shell so the PROTO error does not cascade into the code that uses it.
        context.ReportDiagnostics(parsed.Select(static (p, _) => p.Diagnostics));
        context.RegisterSourceOutput(parsed.Where(static p => p.Shell is not null).Select(static (p, _) => p.Shell!), static (spc, shell) =>
            spc.AddSource(MessageDeclarationEmitter.HintName(shell), MessageDeclarationEmitter.Emit(shell)));

        var models = parsed.Where(static p => p.Model is not null).Select(static (p, _) => p.Model!).WithTrackingName(validName);

        context.RegisterSourceOutput(models.Combine(scope), static (spc, pair) =>
            spc.AddSource(MessageEmitter.HintName(pair.Left), MessageEmitter.Emit(pair.Left, SharedHelpers.ClassFullName(pair.Right))));
        return models;
    }
}

/// <summary>A parsed type: its model (null when refused), the shell a refused type still gets (null when it cannot take one), its diagnostics.</summary>
internal sealed record ParsedMessage(MessageModel? Model, MessageShell? Shell, EquatableArray<DiagnosticInfo> Diagnostics);
