using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Protocol.Generators.Helpers;

namespace Protocol.Generators.Timeouts;

/// <summary>[ProtocolTimeout(ms)] on XxxCoreAsync(…, CancellationToken): generates XxxAsync that enforces the timeout.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class TimeoutGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var models = context.ValidModels(
            AttributeNames.Timeout,
            static (node, _) => node is MethodDeclarationSyntax,
            static (ctx, diagnostics, ct) => TimeoutParser.Parse((IMethodSymbol)ctx.TargetSymbol, ctx.Attributes[0], diagnostics, ct),
            TrackingNames.TimeoutModels,
            TrackingNames.Timeouts);

        context.RegisterSourceOutput(models, static (spc, m) =>
            spc.AddSource(Names.HintName(m.Container.FullName.Replace("global::", "") + "." + m.WrapperName + "_" + m.Parameters.Count, "Timeout"), Emit(m)));
    }

    internal static string Emit(TimeoutModel m)
    {
        var w = new SourceWriter();
        w.Header();
        var depth = m.Container.Open(w, "");
        var parameters = m.Parameters.Take(m.Parameters.Count - 1).ToList();
        var token = m.Parameters[m.Parameters.Count - 1].Name;
        var signature = string.Join(", ", parameters.Select(p => p.Type + " " + p.Name).Concat(new[] { "global::System.Threading.CancellationToken " + token + " = default" }));
        var arguments = string.Join(", ", parameters.Select(p => p.Name).Concat(new[] { "__token" }));
        var call = m.CoreName + "(" + arguments + ")" + (m.IsValueTask ? ".AsTask()" : "");
        var run = $"global::Protocol.Infrastructure.TimeoutRunner.RunAsync{(m.ResultType is null ? "" : "<" + m.ResultType + ">")}({Names.Literal(m.Operation)}, global::System.TimeSpan.FromMilliseconds({m.Milliseconds}), {m.TimeProvider}, __token => {call}, {token})";
        var op = System.Security.SecurityElement.Escape(m.Operation);
        w.Line($"/// <summary>Runs <c>{m.CoreName}</c> with a {m.Milliseconds} ms timeout.</summary>");
        foreach (var p in parameters)
        {
            w.Line($"/// <param name=\"{p.Name.TrimStart('@')}\">Passed to <c>{m.CoreName}</c>.</param>");
        }

        w.Line($"/// <param name=\"{token.TrimStart('@')}\">Cancels the operation (reported as cancellation, not as a timeout).</param>");
        w.Line("/// <returns>The operation's result.</returns>");
        w.Line($"/// <exception cref=\"global::Protocol.OperationTimeoutException\">The operation <c>{op}</c> did not finish in time.</exception>");
        w.Line($"{m.Accessibility} {(m.IsStatic ? "static " : "")}{m.ReturnType} {m.WrapperName}({signature}) =>");
        w.Line("    " + (m.IsValueTask ? $"new {m.ReturnType}({run});" : run + ";"));
        TypeDecl.Close(w, depth);
        return w.ToString();
    }
}
