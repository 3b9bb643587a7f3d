using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Protocol.Generators.Helpers;

namespace Protocol.Generators.Modules;

/// <summary>[ProtocolModule] classes: module plumbing, API and builder registration (see <see cref="ModuleEmitter"/>).</summary>
[Generator(LanguageNames.CSharp)]
public sealed class ModuleGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var models = context.ValidModels(
            AttributeNames.Module,
            static (node, _) => node is ClassDeclarationSyntax,
            static (ctx, diagnostics, ct) => ModuleParser.Parse((INamedTypeSymbol)ctx.TargetSymbol, ctx.Attributes[0], ctx.SemanticModel.Compilation, diagnostics, ct),
            TrackingNames.ModuleModels,
            TrackingNames.Modules);

        context.RegisterSourceOutput(models, static (spc, m) =>
            spc.AddSource(Names.HintName(m.Module.FullName.Replace("global::", ""), "Module"), m.DeclarationOnly ? ModuleDeclarationEmitter.Emit(m) : ModuleEmitter.Emit(m)));
    }
}
