using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Protocol.Generators.Diagnostics;
using Protocol.Generators.Helpers;

namespace Protocol.Generators.Timeouts;

internal sealed record ParameterModel(string Type, string Name);

internal sealed record TimeoutModel(
    TypeDecl Container,
    string CoreName,
    string WrapperName,
    string Operation,
    int Milliseconds,
    string ReturnType,
    string? ResultType,
    bool IsValueTask,
    bool IsStatic,
    string Accessibility,
    EquatableArray<ParameterModel> Parameters,
    string TimeProvider);

internal static class TimeoutParser
{
    public static TimeoutModel? Parse(IMethodSymbol method, AttributeData attribute, List<DiagnosticInfo>? diagnostics, CancellationToken ct)
    {
        var valid = true;
        var display = method.ContainingType.ToDisplayString() + "." + method.Name;
        void Invalid(string why)
        {
            valid = false;
            diagnostics?.Add(DiagnosticInfo.Create(Descriptors.InvalidTimeout, attribute.Where(method), display, why));
        }

        if (method.ContainingType.FirstNonPartial(ct) is { } notPartial)
        {
            valid = false;
            diagnostics?.Add(DiagnosticInfo.Create(Descriptors.MissingPartial, notPartial.Where(), notPartial.ToDisplayString(), "timeout wrapper"));
        }

        var milliseconds = attribute.Ctor<int>(0);
        if (milliseconds <= 0)
        {
            Invalid($"the timeout must be a positive number of milliseconds, not {milliseconds}");
        }

        var returnType = method.ReturnType as INamedTypeSymbol;
        var returnName = returnType?.OriginalDefinition.ToDisplayString();
        var isValueTask = returnName is "System.Threading.Tasks.ValueTask" or "System.Threading.Tasks.ValueTask<TResult>";
        if (returnName is not ("System.Threading.Tasks.Task" or "System.Threading.Tasks.Task<TResult>") && !isValueTask)
        {
            Invalid("it must return Task, Task<T>, ValueTask or ValueTask<T>");
        }

        if (method.Parameters.LastOrDefault()?.Type.ToDisplayString() != "System.Threading.CancellationToken")
        {
            Invalid("its last parameter must be a CancellationToken, which the wrapper cancels when the timeout expires");
        }

        if (method.Parameters.Any(p => p.RefKind != RefKind.None) || method.IsGenericMethod)
        {
            Invalid("ref, out and in parameters and generic methods cannot be wrapped; use ordinary parameters");
        }

        if (!method.Name.EndsWith("CoreAsync", System.StringComparison.Ordinal) || method.Name == "CoreAsync")
        {
            Invalid("name the method XxxCoreAsync; the generated wrapper is XxxAsync");
        }

        var wrapper = method.Name.Length > "CoreAsync".Length ? method.Name.Substring(0, method.Name.Length - "CoreAsync".Length) + "Async" : "Async";
        var operation = attribute.Named<string>("Operation") is { Length: > 0 } op ? op : Names.Trim(wrapper, "Async");
        var timeProvider = "global::System.TimeProvider.System";
        if (attribute.Named<string>("TimeProvider") is { Length: > 0 } providerName)
        {
            var member = method.ContainingType.GetMembers(providerName).FirstOrDefault();
            var memberType = (member as IFieldSymbol)?.Type ?? (member as IPropertySymbol)?.Type;
            if (memberType?.ToDisplayString().TrimEnd('?') != "System.TimeProvider")
            {
                Invalid($"TimeProvider names '{providerName}', which is not a TimeProvider field or property of the type");
            }
            else if (method.IsStatic && !member!.IsStatic)
            {
                Invalid($"a static method cannot use the instance member '{providerName}' as its clock");
            }

            timeProvider = (member?.IsStatic == true ? "" : "this.") + providerName;
        }

        if (!valid || returnType is null)
        {
            return null;
        }

        return new TimeoutModel(
            TypeDecl.From(method.ContainingType),
            method.Name,
            wrapper,
            operation,
            milliseconds,
            returnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            returnType.IsGenericType ? returnType.TypeArguments[0].ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : null,
            isValueTask,
            method.IsStatic,
            method.ContainingType.DeclaredAccessibility == Microsoft.CodeAnalysis.Accessibility.Public ? "public" : "internal",
            method.Parameters.Select(p => new ParameterModel(p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), "@" + p.Name)).ToEquatableArray(),
            timeProvider);
    }
}
