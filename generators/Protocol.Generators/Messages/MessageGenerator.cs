using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Protocol.Generators.Helpers;

namespace Protocol.Generators.Messages;

/// <summary>
/// [ProtocolMessage] and [WireType] types: wire name, routing rule, envelope writer, JSON writer and reader, one file per type; plus
/// one shared class per assembly (<see cref="SharedHelpers"/>) with the enum helpers and pre-encoded property names they all use.
/// Invalid declarations produce no serializer; this generator reports why (see <see cref="Pipelines.ValidModels{T}"/>).
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
        var models = context.ValidModels(
            attribute,
            static (node, _) => node is TypeDeclarationSyntax,
            static (ctx, diagnostics, ct) => MessageParser.Parse((INamedTypeSymbol)ctx.TargetSymbol, ctx.Attributes[0], ctx.SemanticModel.Compilation, diagnostics, ct),
            modelsName,
            validName);

        context.RegisterSourceOutput(models.Combine(scope), static (spc, pair) =>
            spc.AddSource(MessageEmitter.HintName(pair.Left), MessageEmitter.Emit(pair.Left, SharedHelpers.ClassFullName(pair.Right))));
        return models;
    }
}
