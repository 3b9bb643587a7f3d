using System.Security;
using Protocol.Generators.Helpers;

namespace Protocol.Generators.Modules;

/// <summary>
/// What a module with declaration errors gets (<see cref="ModuleModel.DeclarationOnly"/>): its base class (so the Context and Api its
/// methods use exist), its API with the members its declarations name, and its AddXxx(). The members are <c>extern</c>: they have no
/// body, nothing of them can run (the runtime refuses to load a type with a bodiless method), and the build already fails on the
/// module's PROTO error. What they buy is that the user's calls bind, so that error is the only one and no compiler error hides it.
/// </summary>
internal static class ModuleDeclarationEmitter
{
    private const string Api = "global::Protocol.";
    private const string Token = "global::System.Threading.CancellationToken";
    private const string Unavailable = "The module has declaration errors (see its PROTO diagnostics); this member has no implementation until they are fixed.";

    public static string Emit(ModuleModel m)
    {
        var w = new SourceWriter();
        w.Header();
        w.Line("#pragma warning disable CS0626 // extern without DllImport: bodiless on purpose, see the API's summary");
        w.Line();
        var module = m.Module.FullName;
        var api = m.Module.FullName.Substring(0, m.Module.FullName.Length - m.Module.Name.Length) + m.ApiName;
        if (m.Module.Namespace.Length != 0)
        {
            w.Open("namespace " + m.Module.Namespace);
        }

        foreach (var c in m.Module.Containers)
        {
            w.Open("partial " + c.Keyword + " " + c.Name);
        }

        if (m.BaseClass)
        {
            w.Open($"partial class {m.Module.Name} : {Api}ApiModule<{m.StateType}, {api}>");
            w.Line($"/// <summary>{Unavailable}</summary>");
            w.Line("/// <param name=\"context\">The registration's context.</param>");
            w.Line("/// <param name=\"api\">The registration's API.</param>");
            w.Line($"private {m.Module.Name}({Api}ModuleContext<{m.StateType}> context, {api} api)");
            w.Line("    : base(context, api)");
            w.Open();
            w.Close();
            w.Close();
            w.Line();
        }

        EmitApi(w, m, module);
        TypeDecl.Close(w, m.Module.Containers.Count);
        if (m.StateType.Length != 0)
        {
            var builder = $"{Api}ClientBuilder<{m.StateType}>";
            w.Line();
            w.Line($"/// <summary>Registers <see cref=\"{module}\"/> on a client builder. {Unavailable}</summary>");
            w.Open($"{m.Accessibility} static class {m.Module.Name}Registration");
            w.Line($"/// <summary>Adds the <c>{Xml(m.ModuleName)}</c> module. {Unavailable}</summary>");
            w.Line("/// <param name=\"builder\">The client builder.</param>");
            w.Line("/// <returns>The builder.</returns>");
            w.Line($"public static extern {builder} Add{m.Module.Name}(this {builder} builder);");
            w.Close();
        }

        if (m.Module.Namespace.Length != 0)
        {
            w.Close();
        }

        return w.ToString();
    }

    private static void EmitApi(SourceWriter w, ModuleModel m, string module)
    {
        w.Line($"/// <summary>The API of the <c>{Xml(m.ModuleName)}</c> module (<see cref=\"{module}\"/>), declared only. {Unavailable}</summary>");
        w.Open($"{m.Accessibility} sealed partial class {m.ApiName}");
        w.Line($"/// <summary>How many commands are issued and not yet answered. {Unavailable}</summary>");
        w.Line("public extern int PendingCommands { get; }");
        foreach (var s in m.Streams)
        {
            w.Line();
            w.Line($"/// <summary>Subscribes to every <c>{Xml(s.Message.WireName)}</c> message. {Unavailable}</summary>");
            w.Line("/// <param name=\"options\">Capacity and slow-consumer policy.</param>");
            w.Line("/// <returns>A subscription.</returns>");
            w.Line($"public extern {Api}Subscription<{s.Message.Type}> Subscribe{s.Name}({Api}SubscriptionOptions? options = null);");
        }

        foreach (var k in m.KeyedStreams)
        {
            w.Line();
            w.Line($"/// <summary>Subscribes to the <c>{Xml(k.Message.WireName)}</c> messages of <paramref name=\"key\"/>. {Unavailable}</summary>");
            w.Line("/// <param name=\"key\">The key.</param>");
            w.Line("/// <param name=\"options\">Capacity and slow-consumer policy.</param>");
            w.Line("/// <param name=\"cancellationToken\">Abandons the subscribe.</param>");
            w.Line("/// <returns>A subscription.</returns>");
            w.Line($"public extern global::System.Threading.Tasks.Task<{Api}Subscription<{k.Message.Type}>> Subscribe{k.Name}Async({k.KeyType} key, {Api}SubscriptionOptions? options = null, {Token} cancellationToken = default);");
        }

        foreach (var x in m.Waits)
        {
            w.Line();
            w.Line($"/// <summary>Registers a wait for the <c>{Xml(x.Message.WireName)}</c> that <c>{Xml(x.Method)}</c> accepts. {Unavailable}</summary>");
            w.Line($"/// <param name=\"{Xml(x.ArgumentName)}\">What to wait for.</param>");
            w.Line("/// <returns>The registered wait.</returns>");
            w.Line($"public extern {Api}InboundWait<{x.Message.Type}> Wait{x.Method}({x.ArgumentType} {Names.Identifier(x.ArgumentName)});");
        }

        foreach (var c in m.Commands)
        {
            w.Line();
            var parameter = c.Response is null ? "message" : "request";
            var returns = c.Response is { } r ? $"global::System.Threading.Tasks.Task<{r.Type}>" : "global::System.Threading.Tasks.Task";
            w.Line($"/// <summary>Sends <c>{Xml(c.Request.WireName)}</c>. {Unavailable}</summary>");
            w.Line($"/// <param name=\"{parameter}\">The message to send.</param>");
            w.Line("/// <param name=\"timeout\">The bound on the whole call.</param>");
            w.Line("/// <param name=\"cancellationToken\">Abandons the call.</param>");
            w.Line(c.Response is null ? "/// <returns>Completes when sent.</returns>" : "/// <returns>The answer.</returns>");
            w.Line($"public extern {returns} {c.Name}Async({c.Request.Type} {parameter}, global::System.TimeSpan? timeout = null, {Token} cancellationToken = default);");
        }

        w.Close();
    }

    private static string Xml(string text) => SecurityElement.Escape(text);
}
