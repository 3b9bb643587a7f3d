using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Protocol.Generators.Helpers;

namespace Protocol.Generators.Messages;

/// <summary>
/// [ProtocolMessage] and [WireType] types: wire name, routing rule, envelope writer, JSON writer and reader. Invalid declarations
/// produce nothing here; MessageAnalyzer reports why.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class MessageGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        Register(context, AttributeNames.Message, TrackingNames.MessageModels, TrackingNames.Messages);
        Register(context, AttributeNames.WireType, TrackingNames.WireTypeModels, TrackingNames.WireTypes);
    }

    private static void Register(IncrementalGeneratorInitializationContext context, string attribute, string modelsName, string validName)
    {
        var models = context.SyntaxProvider.ValidModels(
            attribute,
            static (node, _) => node is TypeDeclarationSyntax,
            static (ctx, ct) => MessageParser.Parse((INamedTypeSymbol)ctx.TargetSymbol, ctx.Attributes[0], ctx.SemanticModel.Compilation, null, ct),
            modelsName,
            validName);

        context.RegisterSourceOutput(models, static (spc, m) => spc.AddSource(MessageEmitter.HintName(m), MessageEmitter.Emit(m)));
    }
}
