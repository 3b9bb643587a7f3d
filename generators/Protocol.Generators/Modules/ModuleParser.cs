using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Protocol.Generators.Diagnostics;
using Protocol.Generators.Helpers;

namespace Protocol.Generators.Modules;

/// <summary>
/// Reads a [ProtocolModule] class into a <see cref="ModuleModel"/> and the diagnostics the module generator reports, so what it skips
/// is exactly what gets reported.
/// </summary>
internal static class ModuleParser
{
    private const string OutgoingInterface = "Protocol.IOutgoingMessage";
    private const string IncomingInterface = "Protocol.IIncomingMessage<TSelf>";
    private const string ApiModuleBase = "Protocol.ApiModule<TState, TApi>";

    /// <param name="type">The [ProtocolModule] class.</param>
    /// <param name="attribute">Its [ProtocolModule].</param>
    /// <param name="compilation">To check that the messages it uses are generated; null skips that check.</param>
    /// <param name="diagnostics">Where the module's declaration errors go.</param>
    /// <param name="ct">Cancels the parse.</param>
    /// <returns>
    /// The full model; a declaration-only model (<see cref="ModuleModel.DeclarationOnly"/>) when anything is wrong, so the user's
    /// calls still bind and the PROTO error is the only one; null when not even that can be emitted without a compiler error.
    /// </returns>
    public static ModuleModel? Parse(INamedTypeSymbol type, AttributeData attribute, Compilation? compilation, List<DiagnosticInfo>? diagnostics, CancellationToken ct)
    {
        var valid = true;
        var display = type.ToDisplayString();
        void Invalid(Location where, string why)
        {
            valid = false;
            diagnostics?.Add(DiagnosticInfo.Create(Descriptors.InvalidModule, where, display, why));
        }

        void Report(DiagnosticDescriptor descriptor, Location where, string why)
        {
            valid = false;
            diagnostics?.Add(DiagnosticInfo.Create(descriptor, where, display, why));
        }

        var attributeLocation = attribute.Where(type);
        if (type.FirstNonPartial(ct) is { } notPartial)
        {
            valid = false;
            diagnostics?.Add(DiagnosticInfo.Create(Descriptors.MissingPartial, notPartial.Where(), notPartial.ToDisplayString(), "module"));
        }

        if (type.TypeKind != TypeKind.Class || type.IsRecord || type.IsStatic || type.IsAbstract || type.IsGenericType)
        {
            Invalid(type.Where(), "a module must be a non-generic, non-abstract, non-static class (not a record)");
        }

        var name = attribute.Ctor<string>(0) ?? "";
        if (string.IsNullOrWhiteSpace(name))
        {
            Invalid(attributeLocation, "the module name is empty; give it a unique name for logs, metrics and errors");
        }

        var state = attribute.ConstructorArguments.Length > 1 ? attribute.ConstructorArguments[1].Value as INamedTypeSymbol : null;
        if (state is null || state.TypeKind == TypeKind.Error)
        {
            valid = false;
        }
        else if (state.TypeKind != TypeKind.Class || state.IsStatic || state.IsUnboundGenericType)
        {
            Invalid(attributeLocation, $"the state type '{state.ToDisplayString()}' must be a class: the client shares one instance with every module");
        }

        if (type.BaseType is { SpecialType: not SpecialType.System_Object } baseType && baseType.OriginalDefinition.ToDisplayString() != ApiModuleBase)
        {
            Invalid(type.Where(), $"it already derives from '{baseType.ToDisplayString()}'; remove the base class, the generator makes it an ApiModule<TState, TApi>");
        }

        var accessibility = EffectiveAccessibility(type);
        if (accessibility is null)
        {
            Invalid(type.Where(), "it must be public or internal (and so must its containing types): its registration is an extension method");
        }

        foreach (var constructor in type.InstanceConstructors)
        {
            if (!constructor.IsImplicitlyDeclared)
            {
                Invalid(constructor.Where(), "remove its constructors: the runtime creates instances (again after each crash) through the generated Create(context, api); use Context and Api instead");
            }
        }

        var apiName = attribute.Named<string>("Api") is { } explicitApi ? explicitApi : Names.Trim(type.Name, "Module") + "Api";
        if (!Names.IsValidIdentifier(apiName) || apiName == type.Name)
        {
            Invalid(attributeLocation, $"the API name '{apiName}' is not a valid type name different from the module's");
        }

        var commands = new List<(CommandModel Model, IMethodSymbol? Method)>();
        var failures = new List<(string Command, FailureModel Model, ITypeSymbol Request, Location Where)>();
        var handlers = new List<HandlerModel>();
        var keyedDeclared = new List<(string Name, AttributeData Attribute, IMethodSymbol Method)>();
        var streamMessages = new List<(string Stream, AttributeData Attribute, IMethodSymbol Method, bool IsStop)>();
        var waits = new List<WaitModel>();
        var readyHooks = new List<ReadyHookModel>();
        var periodics = new List<PeriodicModel>();
        // A message used against its declared direction is reported and only that declaration is left out, so the rest of the
        // module (its Context, its AddXxx()) is still generated and the PROTO033 is the only error (no CS0311, no CS0103).
        var againstDirection = CheckDirections(type, diagnostics, display);

        // Judged on what is declared, valid or not: a broken command is reported as broken, not as missing (PROTO007).
        var declaresSomething = againstDirection.Count != 0;
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            ct.ThrowIfCancellationRequested();
            if (againstDirection.Contains(method.Where()))
            {
                continue;
            }

            if (method.Find(AttributeNames.ModuleCommand) is not null)
            {
                declaresSomething = true;
                if (ParseCommand(method, Invalid) is { } command)
                {
                    commands.Add((command, method));
                }
            }

            if (method.Find(AttributeNames.ModuleCommandFailure) is { } failureAttribute)
            {
                if (ParseFailure(method, Invalid) is { } failure)
                {
                    failures.Add((failureAttribute.Ctor<string>(0) ?? "", failure.Model, failure.Request, failureAttribute.Where(method)));
                }
            }

            if (method.Find(AttributeNames.ModuleHandler) is not null)
            {
                // A module that only handles (keeps the state current) does something: its API is simply empty.
                declaresSomething = true;
                if (ParseHandler(method, Invalid) is { } handler)
                {
                    handlers.Add(handler);
                }
            }

            if (method.Find(AttributeNames.ModuleKeyedStream) is { } keyedAttribute)
            {
                declaresSomething = true;
                keyedDeclared.Add((keyedAttribute.Ctor<string>(0) ?? "", keyedAttribute, method));
            }

            foreach (var start in method.FindAll(AttributeNames.ModuleStreamStart))
            {
                streamMessages.Add((start.Ctor<string>(0) ?? "", start, method, false));
            }

            foreach (var stop in method.FindAll(AttributeNames.ModuleStreamStop))
            {
                streamMessages.Add((stop.Ctor<string>(0) ?? "", stop, method, true));
            }

            if (method.Find(AttributeNames.ModuleWait) is not null)
            {
                declaresSomething = true;
                if (ParseWait(method, (where, why) => Report(Descriptors.InvalidWait, where, why)) is { } wait)
                {
                    waits.Add(wait);
                }
                else
                {
                    // Reported, or a type the compiler already reports as unresolved: either way nothing is emitted.
                    valid = false;
                }
            }
        }

        foreach (var method in type.GetMembers().OfType<IMethodSymbol>().Where(m => !againstDirection.Contains(m.Where())))
        {
            // A background module (hooks and keep-alives only) does something too: it just has nothing on its API.
            if (method.Find(AttributeNames.ModuleOnReady) is not null)
            {
                declaresSomething = true;
                if (ParseReadyHook(method, state, (where, why) => Report(Descriptors.InvalidReadyHook, where, why)) is { } hook)
                {
                    readyHooks.Add(hook);
                }
                else
                {
                    valid = false;
                }
            }

            if (method.Find(AttributeNames.ModulePeriodic) is { } periodicAttribute)
            {
                declaresSomething = true;
                if (ParsePeriodic(method, periodicAttribute, state, Report) is { } periodic)
                {
                    periodics.Add(periodic);
                }
                else
                {
                    valid = false;
                }
            }
        }

        foreach (var send in type.FindAll(AttributeNames.ModuleSend).Where(a => !againstDirection.Contains(a.Where(type))))
        {
            declaresSomething = true;
            var message = send.Ctor<INamedTypeSymbol>(0);
            if (message is null || message.TypeKind == TypeKind.Error)
            {
                valid = false;
                continue;
            }

            if (Outgoing(message) is not { } request)
            {
                Invalid(send.Where(type), $"[ModuleSend] names '{message.ToDisplayString()}', which is not a message; mark it [ProtocolMessage]");
                continue;
            }

            var sendName = send.Named<string>("Name") ?? message.Name;
            if (!Names.IsValidIdentifier(sendName))
            {
                Invalid(send.Where(type), $"the [ModuleSend] name '{sendName}' is not a valid identifier; the API gets {{name}}Async");
                continue;
            }

            commands.Add((new CommandModel(sendName, request, null, null, EquatableArray<FailureModel>.Empty), null));
        }

        var streams = new List<StreamModel>();
        var unkeyedNames = new HashSet<string>();
        foreach (var stream in type.FindAll(AttributeNames.ModuleStream).Where(a => !againstDirection.Contains(a.Where(type))))
        {
            declaresSomething = true;
            var message = stream.Ctor<INamedTypeSymbol>(0);
            var streamName = stream.Ctor<string>(1) ?? "";
            unkeyedNames.Add(streamName);
            if (message is null || message.TypeKind == TypeKind.Error)
            {
                valid = false;
                continue;
            }

            if (Incoming(message) is not { } inbound)
            {
                Invalid(stream.Where(type), $"[ModuleStream] names '{message.ToDisplayString()}', which is not an inbound message; mark it [ProtocolMessage]");
            }
            else if (!Names.IsValidIdentifier(streamName))
            {
                Invalid(stream.Where(type), $"the stream name '{streamName}' is not a valid identifier; the API gets Subscribe{{name}}");
            }
            else
            {
                streams.Add(new StreamModel(streamName, inbound));
            }
        }

        var keyedStreams = ParseKeyedStreams(keyedDeclared, streamMessages, unkeyedNames, state, Report, out var unresolvedKey);
        valid &= !unresolvedKey;

        // Failures attach to their command by method name, and must take the same request type.
        var withFailures = new List<CommandModel>();
        foreach (var (command, method) in commands)
        {
            var own = failures.Where(f => f.Command == command.Name && method is not null).ToList();
            foreach (var failure in own)
            {
                if (!SymbolEqualityComparer.Default.Equals(failure.Request, method!.Parameters[0].Type))
                {
                    Invalid(failure.Where, $"'{failure.Model.Method}' takes '{failure.Request.ToDisplayString()}', but command '{command.Name}' sends '{method.Parameters[0].Type.ToDisplayString()}'; the first parameter must be the command's request type");
                }
            }

            withFailures.Add(command with { Failures = own.Select(f => f.Model).ToEquatableArray() });
        }

        var leftOut = new HashSet<string>(type.GetMembers().OfType<IMethodSymbol>().Where(m => againstDirection.Contains(m.Where())).Select(m => m.Name));
        foreach (var orphan in failures.Where(f => !leftOut.Contains(f.Command) && !commands.Any(c => c.Method is not null && c.Model.Name == f.Command)))
        {
            Invalid(orphan.Where, $"[ModuleCommandFailure(\"{orphan.Command}\")] on '{orphan.Model.Method}' names no [ModuleCommand] method of this module; use nameof(TheCommandMethod)");
        }

        // Every API member needs its own name.
        var members = new List<string> { "PendingCommands" };
        members.AddRange(withFailures.Select(c => c.Name + "Async"));
        members.AddRange(streams.SelectMany(s => new[] { s.Name, "Subscribe" + s.Name }));
        members.AddRange(keyedStreams.SelectMany(s => new[] { s.Name, "Subscribe" + s.Name + "Async" }));
        members.AddRange(waits.SelectMany(w => new[] { w.Method + "Waits", "Wait" + w.Method }));
        foreach (var duplicate in members.GroupBy(m => m).Where(g => g.Count() > 1))
        {
            Invalid(attributeLocation, $"its API would have two members named '{duplicate.Key}'; rename a command, a [ModuleSend] (Name = …), a stream or a [ModuleWait] method");
        }

        if (!declaresSomething)
        {
            valid = false;
            diagnostics?.Add(DiagnosticInfo.Create(Descriptors.EmptyModule, type.Where(), display, apiName));
        }

        // A message the message generator refuses (and reports) has no IOutgoingMessage/IIncomingMessage: the generated routes and
        // commands would fail on their constraints (CS0311), so only the module's declarations are emitted.
        valid &= againstDirection.Count == 0 && (compilation is null || UsedMessages(type).All(m => MessageIsGenerated(m, compilation, ct)));

        if (!valid || state is null || accessibility is null)
        {
            return accessibility is null ? null : DeclarationOnly(type, name, state, apiName, accessibility, ct);
        }

        return new ModuleModel(
            TypeDecl.From(type),
            accessibility,
            name,
            state.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            apiName,
            withFailures.ToEquatableArray(),
            streams.ToEquatableArray(),
            handlers.ToEquatableArray(),
            keyedStreams.ToEquatableArray(),
            waits.ToEquatableArray(),
            readyHooks.ToEquatableArray(),
            periodics.ToEquatableArray());
    }

    /// <summary>Reports [ModuleSend]/[ModuleStream] on a class that is not a module (they would silently do nothing).</summary>
    public static void AnalyzeStrayAttributes(INamedTypeSymbol type, List<Diagnostic> diagnostics)
    {
        if (type.Find(AttributeNames.Module) is not null)
        {
            return;
        }

        foreach (var attribute in type.GetAttributes().Where(a => a.Is(AttributeNames.ModuleSend) || a.Is(AttributeNames.ModuleStream)))
        {
            diagnostics.Add(Diagnostic.Create(Descriptors.InvalidModule, attribute.Where(type), type.ToDisplayString(), $"[{ShortName(attribute)}] only works on a [ProtocolModule] class; add [ProtocolModule] or remove it"));
        }
    }

    /// <summary>Reports [ModuleCommand]/[ModuleCommandFailure]/[ModuleHandler]/[ModuleKeyedStream]/[ModuleStreamStart]/[ModuleStreamStop]/[ModuleWait]/[ModuleOnReady]/[ModulePeriodic] on a method of a class that is not a module.</summary>
    public static void AnalyzeStrayAttributes(SymbolAnalysisContext context)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.ContainingType is not { } type || type.Find(AttributeNames.Module) is not null)
        {
            return;
        }

        foreach (var attribute in method.GetAttributes().Where(a => a.Is(AttributeNames.ModuleCommand) || a.Is(AttributeNames.ModuleCommandFailure) || a.Is(AttributeNames.ModuleHandler)
            || a.Is(AttributeNames.ModuleKeyedStream) || a.Is(AttributeNames.ModuleStreamStart) || a.Is(AttributeNames.ModuleStreamStop) || a.Is(AttributeNames.ModuleWait)
            || a.Is(AttributeNames.ModuleOnReady) || a.Is(AttributeNames.ModulePeriodic)))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidModule, attribute.Where(method), type.ToDisplayString(), $"[{ShortName(attribute)}] on '{method.Name}' only works in a [ProtocolModule] class; add [ProtocolModule] or remove it"));
        }
    }

    private static string ShortName(AttributeData attribute) => Names.Trim(attribute.AttributeClass!.Name, "Attribute");

    private static CommandModel? ParseCommand(IMethodSymbol method, System.Action<Location, string> invalid)
    {
        const string Shape = "write it as 'static bool Name(TRequest request, TResponse response)' returning whether the response answers the request";
        if (!method.IsStatic || method.IsGenericMethod || method.ReturnType.SpecialType != SpecialType.System_Boolean || method.Parameters.Length != 2 || method.Parameters.Any(p => p.RefKind != RefKind.None))
        {
            invalid(method.Where(), $"[ModuleCommand] '{method.Name}' has the wrong shape; {Shape}");
            return null;
        }

        var request = Outgoing(method.Parameters[0].Type);
        var response = Incoming(method.Parameters[1].Type);
        if (request is null)
        {
            invalid(method.Where(), $"[ModuleCommand] '{method.Name}': the request '{method.Parameters[0].Type.ToDisplayString()}' is not a message; mark it [ProtocolMessage]");
        }

        if (response is null)
        {
            invalid(method.Where(), $"[ModuleCommand] '{method.Name}': the response '{method.Parameters[1].Type.ToDisplayString()}' is not an inbound message; mark it [ProtocolMessage]");
        }

        return request is null || response is null ? null : new CommandModel(method.Name, request, response, method.Name, EquatableArray<FailureModel>.Empty);
    }

    private static (FailureModel Model, ITypeSymbol Request)? ParseFailure(IMethodSymbol method, System.Action<Location, string> invalid)
    {
        var returnsString = method.ReturnType.SpecialType == SpecialType.System_String;
        var returnsException = DerivesFrom(method.ReturnType, "System.Exception");
        if (!method.IsStatic || method.IsGenericMethod || method.Parameters.Length != 2 || method.Parameters.Any(p => p.RefKind != RefKind.None) || !(returnsString || returnsException))
        {
            invalid(method.Where(), $"[ModuleCommandFailure] '{method.Name}' has the wrong shape; write it as 'static string? Name(TRequest request, TFailure failure)' (or returning an Exception) that returns null when the failure is not about this request");
            return null;
        }

        if (Incoming(method.Parameters[1].Type) is not { } failure)
        {
            invalid(method.Where(), $"[ModuleCommandFailure] '{method.Name}': the failure '{method.Parameters[1].Type.ToDisplayString()}' is not an inbound message; mark it [ProtocolMessage]");
            return null;
        }

        return (new FailureModel(method.Name, failure, returnsException), method.Parameters[0].Type);
    }

    // Keyed streams with their start and stop messages. Each declaration error has its own id; a stream with any error is
    // left out (and the module with it), so nothing that would not compile is emitted.
    private static List<KeyedStreamModel> ParseKeyedStreams(
        List<(string Name, AttributeData Attribute, IMethodSymbol Method)> declared,
        List<(string Stream, AttributeData Attribute, IMethodSymbol Method, bool IsStop)> messages,
        HashSet<string> unkeyedNames,
        INamedTypeSymbol? state,
        System.Action<DiagnosticDescriptor, Location, string> report,
        out bool unresolved)
    {
        unresolved = false;
        var keyTypes = new Dictionary<string, ITypeSymbol>();
        var selectors = new List<(string Name, IMethodSymbol Method, MessageRef Message, ITypeSymbol Key, string? Comparer)>();
        var seen = new Dictionary<string, string>();
        foreach (var (name, attribute, method) in declared)
        {
            if (!Names.IsValidIdentifier(name))
            {
                report(Descriptors.InvalidKeySelector, attribute.Where(method), $"the keyed stream name '{name}' on '{method.Name}' is not a valid identifier; the API gets Subscribe{{name}}Async");
                continue;
            }

            if (seen.TryGetValue(name, out var first) || unkeyedNames.Contains(name))
            {
                var other = first is null ? "a [ModuleStream]" : $"'{first}'";
                report(Descriptors.DuplicateStreamName, attribute.Where(method), $"the keyed stream '{name}' on '{method.Name}' has the name of {other}; give each stream its own name");
                continue;
            }

            seen[name] = method.Name;
            const string Shape = "write it as 'static TKey Name(TMessage message)' returning the key (e.g. the asset) of an inbound [ProtocolMessage]";
            if (!method.IsStatic || method.IsGenericMethod || method.ReturnsVoid || method.ReturnsByRef || method.ReturnsByRefReadonly
                || method.Parameters.Length != 1 || method.Parameters[0].RefKind != RefKind.None)
            {
                report(Descriptors.InvalidKeySelector, method.Where(), $"[ModuleKeyedStream] '{method.Name}' has the wrong shape; {Shape}");
                continue;
            }

            if (Incoming(method.Parameters[0].Type) is not { } message)
            {
                report(Descriptors.InvalidKeySelector, method.Where(), $"[ModuleKeyedStream] '{method.Name}': '{method.Parameters[0].Type.ToDisplayString()}' is not an inbound message; {Shape}");
                continue;
            }

            var key = method.ReturnType;
            if (key.TypeKind == TypeKind.Error)
            {
                // The compiler reports it; a second error would only repeat it.
                unresolved = true;
                continue;
            }

            if (key.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T || key.IsRefLikeType || key.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.TypeParameter)
            {
                report(Descriptors.InvalidKeySelector, method.Where(), $"[ModuleKeyedStream] '{method.Name}': the key type '{key.ToDisplayString()}' cannot be a key; return a non-nullable value type or a reference type (return null from a reference type to drop a message)");
                continue;
            }

            var comparer = attribute.Named<string>("Comparer");
            if (comparer is not null && !IsKeyComparer(method.ContainingType, comparer, key))
            {
                report(Descriptors.InvalidKeySelector, attribute.Where(method), $"the Comparer '{comparer}' of keyed stream '{name}' names no static property or field of this module of type IEqualityComparer<{key.ToDisplayString()}>; declare one (e.g. 'static IEqualityComparer<{key.ToDisplayString()}> {comparer} => …') or remove Comparer");
                continue;
            }

            keyTypes[name] = key;
            selectors.Add((name, method, message, key, comparer));
        }

        var starts = new Dictionary<string, List<StreamMessageModel>>();
        var stops = new Dictionary<string, StreamMessageModel>();
        var stateName = state?.ToDisplayString() ?? "TState";
        foreach (var (stream, attribute, method, isStop) in messages)
        {
            var kind = isStop ? "ModuleStreamStop" : "ModuleStreamStart";
            if (!declared.Any(d => d.Name == stream))
            {
                report(Descriptors.UnknownKeyedStream, attribute.Where(method), $"[{kind}(\"{stream}\")] on '{method.Name}' names no [ModuleKeyedStream] of this module; use the name given to [ModuleKeyedStream] on the key selector");
                continue;
            }

            // The state is for what only the session knows (a token, a request counter): it is read when the message is built.
            var shape = $"write it as 'static TMessage Name(TKey key)' or 'static TMessage Name(TKey key, {stateName} state)' returning the [ProtocolMessage] to send for the key";
            if (!method.IsStatic || method.IsGenericMethod || method.ReturnsVoid || method.ReturnsByRef || method.ReturnsByRefReadonly
                || method.Parameters.Length is < 1 or > 2 || method.Parameters.Any(p => p.RefKind != RefKind.None))
            {
                report(Descriptors.InvalidStreamMessage, method.Where(), $"[{kind}] '{method.Name}' has the wrong shape; {shape}");
                continue;
            }

            if (keyTypes.TryGetValue(stream, out var key) && !SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, key))
            {
                report(Descriptors.InvalidStreamMessage, method.Where(), $"[{kind}] '{method.Name}' takes '{method.Parameters[0].Type.ToDisplayString()}', but stream '{stream}' is keyed by '{key.ToDisplayString()}'; its first parameter must be the key type");
                continue;
            }

            var takesState = method.Parameters.Length == 2;
            if (takesState && (method.Parameters[1].Type.TypeKind == TypeKind.Error || state is null))
            {
                // The compiler (or the module's own state check) reports it; a second error would only repeat it.
                unresolved = true;
                continue;
            }

            if (takesState && !SymbolEqualityComparer.Default.Equals(method.Parameters[1].Type, state))
            {
                report(Descriptors.InvalidStreamMessage, method.Where(), $"[{kind}] '{method.Name}' takes '{method.Parameters[1].Type.ToDisplayString()}' second, but the module's state is '{stateName}'; {shape}");
                continue;
            }

            if (Outgoing(method.ReturnType) is null)
            {
                report(Descriptors.InvalidStreamMessage, method.Where(), $"[{kind}] '{method.Name}' returns '{method.ReturnType.ToDisplayString()}', which is not an outgoing message; return a [ProtocolMessage] type");
                continue;
            }

            if (!isStop)
            {
                if (!starts.TryGetValue(stream, out var list))
                {
                    starts[stream] = list = [];
                }

                list.Add(new StreamMessageModel(method.Name, takesState));
            }
            else if (stops.TryGetValue(stream, out var firstStop))
            {
                report(Descriptors.DuplicateStreamStop, attribute.Where(method), $"stream '{stream}' has more than one [ModuleStreamStop] ('{firstStop.Method}' and '{method.Name}'); keep one: it is sent when a key's last subscriber leaves");
            }
            else
            {
                stops[stream] = new StreamMessageModel(method.Name, takesState);
            }
        }

        return selectors.Select(s => new KeyedStreamModel(
            s.Name,
            s.Message,
            s.Key.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            s.Key.IsReferenceType && s.Key.NullableAnnotation == NullableAnnotation.Annotated,
            s.Method.Name,
            (starts.TryGetValue(s.Name, out var list) ? list : []).ToEquatableArray(),
            stops.TryGetValue(s.Name, out var stop) ? stop : null,
            s.Comparer)).ToList();
    }

    // A static property (with a getter) or field of the module whose type is, or implements, IEqualityComparer<TKey>.
    private static bool IsKeyComparer(INamedTypeSymbol module, string member, ITypeSymbol key)
    {
        foreach (var candidate in module.GetMembers(member))
        {
            var type = candidate switch
            {
                IPropertySymbol { IsStatic: true, GetMethod: not null, Parameters.Length: 0 } property => property.Type,
                IFieldSymbol { IsStatic: true } field => field.Type,
                _ => null,
            };
            if (type is null)
            {
                continue;
            }

            foreach (var contract in new[] { type }.Concat(type.AllInterfaces))
            {
                if (contract is INamedTypeSymbol { IsGenericType: true } named
                    && named.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.IEqualityComparer<T>"
                    && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], key))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static WaitModel? ParseWait(IMethodSymbol method, System.Action<Location, string> invalid)
    {
        if (!method.IsStatic || method.IsGenericMethod || method.ReturnType.SpecialType != SpecialType.System_Boolean || method.Parameters.Length != 2 || method.Parameters.Any(p => p.RefKind != RefKind.None))
        {
            invalid(method.Where(), $"[ModuleWait] '{method.Name}' has the wrong shape; write it as 'static bool Name(TArgument argument, TMessage message)' returning whether the message is the event a wait for the argument waits for");
            return null;
        }

        if (Incoming(method.Parameters[1].Type) is not { } message)
        {
            invalid(method.Where(), $"[ModuleWait] '{method.Name}': '{method.Parameters[1].Type.ToDisplayString()}' is not an inbound message; the second parameter must be the [ProtocolMessage] waited for");
            return null;
        }

        var argument = method.Parameters[0];
        if (argument.Type.TypeKind is TypeKind.Error)
        {
            return null;
        }

        if (argument.Type.IsRefLikeType || argument.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
        {
            invalid(method.Where(), $"[ModuleWait] '{method.Name}': the argument type '{argument.Type.ToDisplayString()}' cannot be stored with a wait; use a regular type (e.g. the deal id)");
            return null;
        }

        var format = SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);
        return new WaitModel(method.Name, argument.Type.ToDisplayString(format), argument.Name, message);
    }

    // 'static ValueTask Name(ReadyContext<TState> ready, CancellationToken cancellationToken)' (or Task). Static only: a hook
    // belongs to the session, not to a module instance (which is created again after a crash).
    private static ReadyHookModel? ParseReadyHook(IMethodSymbol method, INamedTypeSymbol? state, System.Action<Location, string> invalid)
    {
        var stateName = state?.ToDisplayString() ?? "TState";
        var shape = $"write it as 'static ValueTask Name(ReadyContext<{stateName}> ready, CancellationToken cancellationToken)' (or returning Task)";
        var returnName = method.ReturnType.ToDisplayString();
        var isTask = returnName == "System.Threading.Tasks.Task";
        if (!method.IsStatic || method.IsGenericMethod || !(isTask || returnName == "System.Threading.Tasks.ValueTask")
            || method.Parameters.Length != 2 || method.Parameters.Any(p => p.RefKind != RefKind.None)
            || method.Parameters[1].Type.ToDisplayString() != "System.Threading.CancellationToken")
        {
            invalid(method.Where(), $"[ModuleOnReady] '{method.Name}' has the wrong shape; {shape}");
            return null;
        }

        var context = method.Parameters[0].Type;
        if (context.TypeKind == TypeKind.Error || state is null)
        {
            // The compiler (or the module's own check) reports it.
            return null;
        }

        if (context is not INamedTypeSymbol { IsGenericType: true } named || named.OriginalDefinition.ToDisplayString() != "Protocol.ReadyContext<TState>"
            || !SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], state))
        {
            invalid(method.Where(), $"[ModuleOnReady] '{method.Name}' takes '{context.ToDisplayString()}', but the module's state is '{stateName}'; {shape}");
            return null;
        }

        return new ReadyHookModel(method.Name, isTask);
    }

    // 'static TMessage Name()' or 'static TMessage Name(TState state)', every Seconds while Ready.
    private static PeriodicModel? ParsePeriodic(IMethodSymbol method, AttributeData attribute, INamedTypeSymbol? state, System.Action<DiagnosticDescriptor, Location, string> report)
    {
        var stateName = state?.ToDisplayString() ?? "TState";
        var shape = $"write it as 'static TMessage Name()' or 'static TMessage Name({stateName} state)' returning the [ProtocolMessage] to send";
        if (!method.IsStatic || method.IsGenericMethod || method.ReturnsVoid || method.ReturnsByRef || method.ReturnsByRefReadonly
            || method.Parameters.Length > 1 || method.Parameters.Any(p => p.RefKind != RefKind.None))
        {
            report(Descriptors.InvalidPeriodicSend, method.Where(), $"[ModulePeriodic] '{method.Name}' has the wrong shape; {shape}");
            return null;
        }

        var takesState = method.Parameters.Length == 1;
        if (takesState && (method.Parameters[0].Type.TypeKind == TypeKind.Error || state is null))
        {
            return null;
        }

        if (takesState && !SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, state))
        {
            report(Descriptors.InvalidPeriodicSend, method.Where(), $"[ModulePeriodic] '{method.Name}' takes '{method.Parameters[0].Type.ToDisplayString()}', but the module's state is '{stateName}'; {shape}");
            return null;
        }

        if (method.ReturnType.TypeKind == TypeKind.Error)
        {
            return null;
        }

        if (Outgoing(method.ReturnType) is not { } message)
        {
            report(Descriptors.InvalidPeriodicSend, method.Where(), $"[ModulePeriodic] '{method.Name}' returns '{method.ReturnType.ToDisplayString()}', which is not an outgoing message; {shape}");
            return null;
        }

        // PeriodicTimer takes 1 ms to 2^32-2 ms.
        var seconds = attribute.Named("Seconds", 0d);
        if (!(seconds >= 0.001 && seconds <= 4_294_967.0))
        {
            report(Descriptors.InvalidPeriodicSend, attribute.Where(method), $"[ModulePeriodic] '{method.Name}' has Seconds = {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}; give the interval in seconds, between 0.001 and 4294967 (e.g. [ModulePeriodic(Seconds = 20)])");
            return null;
        }

        return new PeriodicModel(method.Name, message, seconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture), takesState);
    }

    private static HandlerModel? ParseHandler(IMethodSymbol method, System.Action<Location, string> invalid)
    {
        var returnName = method.ReturnType.ToDisplayString();
        var isAsync = returnName is "System.Threading.Tasks.ValueTask" or "System.Threading.Tasks.Task";
        var takesToken = method.Parameters.Length == 2 && method.Parameters[1].Type.ToDisplayString() == "System.Threading.CancellationToken";
        var shapeOk = !method.IsGenericMethod && method.Parameters.All(p => p.RefKind == RefKind.None)
            && ((method.ReturnsVoid && method.Parameters.Length == 1) || (isAsync && takesToken));
        if (!shapeOk)
        {
            invalid(method.Where(), $"[ModuleHandler] '{method.Name}' has the wrong shape; write 'void Name(TMessage message)' or 'ValueTask Name(TMessage message, CancellationToken cancellationToken)'");
            return null;
        }

        if (Incoming(method.Parameters[0].Type) is not { } message)
        {
            invalid(method.Where(), $"[ModuleHandler] '{method.Name}': '{method.Parameters[0].Type.ToDisplayString()}' is not an inbound message; mark it [ProtocolMessage]");
            return null;
        }

        return new HandlerModel(method.Name, message, method.IsStatic, isAsync, returnName == "System.Threading.Tasks.Task", takesToken);
    }

    // A message declared for one direction used in the other would only fail in generated code (CS0311 on a routes or
    // command call); report it here, naming the type and the fix. Returns where the offending declarations are.
    private static HashSet<Location> CheckDirections(INamedTypeSymbol type, List<DiagnosticInfo>? diagnostics, string display)
    {
        var uses = new List<(ITypeSymbol Message, bool Sent, string What, Location Where)>();
        foreach (var send in type.FindAll(AttributeNames.ModuleSend))
        {
            if (send.Ctor<INamedTypeSymbol>(0) is { } message)
            {
                uses.Add((message, true, "[ModuleSend]", send.Where(type)));
            }
        }

        foreach (var stream in type.FindAll(AttributeNames.ModuleStream))
        {
            if (stream.Ctor<INamedTypeSymbol>(0) is { } message)
            {
                uses.Add((message, false, $"[ModuleStream] '{stream.Ctor<string>(1)}'", stream.Where(type)));
            }
        }

        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            var p = method.Parameters;
            var where = method.Where();
            if (method.Find(AttributeNames.ModuleCommand) is not null && p.Length == 2)
            {
                uses.Add((p[0].Type, true, $"[ModuleCommand] '{method.Name}'", where));
                uses.Add((p[1].Type, false, $"[ModuleCommand] '{method.Name}'", where));
            }

            if (method.Find(AttributeNames.ModuleCommandFailure) is not null && p.Length == 2)
            {
                uses.Add((p[1].Type, false, $"[ModuleCommandFailure] '{method.Name}'", where));
            }

            if (method.Find(AttributeNames.ModuleHandler) is not null && p.Length >= 1)
            {
                uses.Add((p[0].Type, false, $"[ModuleHandler] '{method.Name}'", where));
            }

            if (method.Find(AttributeNames.ModuleKeyedStream) is not null && p.Length == 1)
            {
                uses.Add((p[0].Type, false, $"[ModuleKeyedStream] '{method.Name}'", where));
            }

            if (method.Find(AttributeNames.ModuleWait) is not null && p.Length == 2)
            {
                uses.Add((p[1].Type, false, $"[ModuleWait] '{method.Name}'", where));
            }

            if (method.Find(AttributeNames.ModuleStreamStart) is not null || method.Find(AttributeNames.ModuleStreamStop) is not null)
            {
                uses.Add((method.ReturnType, true, $"[{(method.Find(AttributeNames.ModuleStreamStart) is not null ? "ModuleStreamStart" : "ModuleStreamStop")}] '{method.Name}'", where));
            }

            if (method.Find(AttributeNames.ModulePeriodic) is not null)
            {
                uses.Add((method.ReturnType, true, $"[ModulePeriodic] '{method.Name}'", where));
            }
        }

        var reported = new HashSet<Location>();
        foreach (var (message, sent, what, where) in uses)
        {
            // WireDirection: 0 Both, 1 Outgoing, 2 Incoming.
            if (message is not INamedTypeSymbol named || named.Find(AttributeNames.Message) is not { } attribute)
            {
                continue;
            }

            var direction = attribute.Named("Direction", 0);
            var name = named.ToDisplayString();
            if (sent && direction == 2)
            {
                reported.Add(where);
                diagnostics?.Add(DiagnosticInfo.Create(Descriptors.MessageAgainstDirection, where, display,
                    $"{what} sends '{name}', which is declared Direction = WireDirection.Incoming (received only); declare it Direction = WireDirection.Outgoing or Both, or send an outgoing message type"));
            }
            else if (!sent && direction == 1)
            {
                reported.Add(where);
                diagnostics?.Add(DiagnosticInfo.Create(Descriptors.MessageAgainstDirection, where, display,
                    $"{what} receives '{name}', which is declared Direction = WireDirection.Outgoing (sent only); declare it Direction = WireDirection.Incoming or Both, or receive an incoming message type"));
            }
        }

        return reported;
    }

    // What a module with declaration errors still gets, so nothing but its PROTO errors fails the build: its API with every member
    // whose signature can be read from the declarations (bodiless, see ModuleDeclarationEmitter), its AddXxx() and, when the class can
    // take it, its base class (the Context and Api its own methods use). Null when the API name itself is unusable.
    private static ModuleModel? DeclarationOnly(INamedTypeSymbol type, string name, INamedTypeSymbol? state, string apiName, string accessibility, CancellationToken ct)
    {
        var notPartial = type.FirstNonPartial(ct);
        if (!Names.IsValidIdentifier(apiName) || apiName == type.Name || (notPartial is not null && !SymbolEqualityComparer.Default.Equals(notPartial, type)))
        {
            return null;
        }

        var stateOk = state is { TypeKind: TypeKind.Class, IsStatic: false, IsUnboundGenericType: false };
        var baseOk = type.BaseType is null || type.BaseType.SpecialType == SpecialType.System_Object;
        var shell = notPartial is null && stateOk && baseOk && type.TypeKind == TypeKind.Class && !type.IsRecord && !type.IsStatic && !type.IsAbstract
            && !type.IsGenericType && type.InstanceConstructors.All(c => c.IsImplicitlyDeclared);

        var taken = new HashSet<string> { "PendingCommands" };
        bool Take(params string[] names) => names.All(n => !taken.Contains(n)) && names.All(taken.Add);
        var format = SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);
        static bool Known(ITypeSymbol t) => t.TypeKind != TypeKind.Error && !t.IsRefLikeType && t.TypeKind is not (TypeKind.Pointer or TypeKind.FunctionPointer);
        static MessageRef Ref(ITypeSymbol t) => new(t.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), t.Find(AttributeNames.Message)?.Ctor<string>(0) ?? t.Name);

        var commands = new List<CommandModel>();
        var streams = new List<StreamModel>();
        var keyed = new List<KeyedStreamModel>();
        var waits = new List<WaitModel>();
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            var p = method.Parameters;
            if (method.Find(AttributeNames.ModuleCommand) is not null && p.Length == 2 && Known(p[0].Type) && Known(p[1].Type) && Take(method.Name + "Async"))
            {
                commands.Add(new CommandModel(method.Name, Ref(p[0].Type), Ref(p[1].Type), null, EquatableArray<FailureModel>.Empty));
            }

            if (method.Find(AttributeNames.ModuleKeyedStream) is { } keyedAttribute && keyedAttribute.Ctor<string>(0) is { } stream && Names.IsValidIdentifier(stream)
                && p.Length == 1 && Known(p[0].Type) && !method.ReturnsVoid && Known(method.ReturnType) && Take(stream, "Subscribe" + stream + "Async"))
            {
                var key = method.ReturnType.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                keyed.Add(new KeyedStreamModel(stream, Ref(p[0].Type), key, false, method.Name, EquatableArray<StreamMessageModel>.Empty, null, null));
            }

            if (method.Find(AttributeNames.ModuleWait) is not null && p.Length == 2 && Known(p[0].Type) && Known(p[1].Type) && Take(method.Name + "Waits", "Wait" + method.Name))
            {
                waits.Add(new WaitModel(method.Name, p[0].Type.ToDisplayString(format), p[0].Name, Ref(p[1].Type)));
            }
        }

        foreach (var send in type.FindAll(AttributeNames.ModuleSend))
        {
            if (send.Ctor<INamedTypeSymbol>(0) is { } message && Known(message) && (send.Named<string>("Name") ?? message.Name) is var sendName
                && Names.IsValidIdentifier(sendName) && Take(sendName + "Async"))
            {
                commands.Add(new CommandModel(sendName, Ref(message), null, null, EquatableArray<FailureModel>.Empty));
            }
        }

        foreach (var attribute in type.FindAll(AttributeNames.ModuleStream))
        {
            if (attribute.Ctor<INamedTypeSymbol>(0) is { } message && Known(message) && attribute.Ctor<string>(1) is { } stream
                && Names.IsValidIdentifier(stream) && Take(stream, "Subscribe" + stream))
            {
                streams.Add(new StreamModel(stream, Ref(message)));
            }
        }

        return new ModuleModel(
            TypeDecl.From(type),
            accessibility,
            name,
            stateOk ? state!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : "",
            apiName,
            commands.ToEquatableArray(),
            streams.ToEquatableArray(),
            EquatableArray<HandlerModel>.Empty,
            keyed.ToEquatableArray(),
            waits.ToEquatableArray(),
            EquatableArray<ReadyHookModel>.Empty,
            EquatableArray<PeriodicModel>.Empty,
            DeclarationOnly: true,
            BaseClass: shell);
    }

    // Every [ProtocolMessage] type the module's declarations name (as CheckDirections reads them).
    private static IEnumerable<INamedTypeSymbol> UsedMessages(INamedTypeSymbol type)
    {
        var types = new List<ITypeSymbol>();
        types.AddRange(type.FindAll(AttributeNames.ModuleSend).Concat(type.FindAll(AttributeNames.ModuleStream)).Select(a => a.Ctor<INamedTypeSymbol>(0)).OfType<INamedTypeSymbol>());
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            types.AddRange(method.Parameters.Select(p => p.Type));
            types.Add(method.ReturnType);
        }

        return types.OfType<INamedTypeSymbol>().Where(t => t.Find(AttributeNames.Message) is not null).Distinct<INamedTypeSymbol>(SymbolEqualityComparer.Default);
    }

    private static bool MessageIsGenerated(INamedTypeSymbol message, Compilation compilation, CancellationToken ct) =>
        !SymbolEqualityComparer.Default.Equals(message.ContainingAssembly, compilation.Assembly)
        || Messages.MessageParser.Parse(message, message.Find(AttributeNames.Message)!, compilation, null, ct) is not null;

    // A [ProtocolMessage] type (whose interfaces the message generator adds, invisible to this generator) or a hand-written implementation.
    private static MessageRef? Outgoing(ITypeSymbol type) => Message(type, OutgoingInterface);

    private static MessageRef? Incoming(ITypeSymbol type) => Message(type, IncomingInterface);

    private static MessageRef? Message(ITypeSymbol type, string contract)
    {
        if (type is not INamedTypeSymbol named || named.TypeKind == TypeKind.Error)
        {
            return null;
        }

        var fullName = named.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        if (named.Find(AttributeNames.Message) is { } attribute)
        {
            return new MessageRef(fullName, attribute.Ctor<string>(0) ?? named.Name);
        }

        return named.AllInterfaces.Any(i => i.OriginalDefinition.ToDisplayString() == contract) ? new MessageRef(fullName, named.Name) : null;
    }

    private static bool DerivesFrom(ITypeSymbol type, string baseName)
    {
        // Without the annotation: 'Exception?' displays as "System.Exception?" and would not match.
        for (var t = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated); t is not null; t = t.BaseType)
        {
            if (t.ToDisplayString() == baseName)
            {
                return true;
            }
        }

        return false;
    }

    private static string? EffectiveAccessibility(INamedTypeSymbol type)
    {
        var result = "public";
        for (var t = type; t is not null; t = t.ContainingType)
        {
            switch (t.DeclaredAccessibility)
            {
                case Accessibility.Public:
                    break;
                case Accessibility.Internal:
                    result = "internal";
                    break;
                default:
                    return null;
            }
        }

        return result;
    }
}
