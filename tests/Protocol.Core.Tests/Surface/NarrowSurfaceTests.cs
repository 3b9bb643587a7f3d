using System.ComponentModel;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Protocol.Core.Tests.Surface;

// Issue #9 item 9: declaring a platform takes one using (Protocol; Protocol.JsonActions for that transport), what only
// generated code needs is hidden in Protocol.Infrastructure, and each concept has one name.
public sealed partial class NarrowSurfaceTests
{
    private static readonly Type[] Exported = typeof(MessageView).Assembly.GetExportedTypes();

    [Fact]
    public void The_core_has_one_namespace_for_users_one_for_json_actions_and_one_hidden_for_generated_code()
    {
        Exported.Select(t => t.Namespace).Distinct().Order().ShouldBe(["Protocol", "Protocol.Infrastructure", "Protocol.JsonActions"]);
    }

    [Fact]
    public void Every_infrastructure_type_is_hidden_from_completion()
    {
        var visible = Exported
            .Where(t => t.Namespace == "Protocol.Infrastructure" && !t.IsNested)
            .Where(t => t.GetCustomAttribute<EditorBrowsableAttribute>()?.State != EditorBrowsableState.Never)
            .Select(t => t.FullName)
            .ToList();
        visible.ShouldBeEmpty();
        Exported.Count(t => t.Namespace == "Protocol.Infrastructure").ShouldBeGreaterThan(10);
    }

    [Fact]
    public void What_users_touch_is_not_in_the_infrastructure_namespace()
    {
        // The types a user names when declaring a platform, running a client or writing a test.
        Type[] user =
        [
            typeof(Client<>), typeof(ClientBuilder<>), typeof(ClientOptions), typeof(IPlatformLogin<>), typeof(LoginContext<>),
            typeof(ProtocolMessageAttribute), typeof(ProtocolModuleAttribute), typeof(MessageView), typeof(Subscription<>),
            typeof(InboundWait<>), typeof(Validator), typeof(RawApi), typeof(RawChannel), typeof(ConnectionEndpoint),
            typeof(IIncomingMessage<>), typeof(IOutgoingMessage), typeof(CommandRejectedException), typeof(NotReadyException),
        ];
        user.Where(t => t.Namespace != "Protocol").Select(t => t.FullName).ShouldBeEmpty();
    }

    [Fact]
    public void A_modules_user_object_is_its_api_and_a_handler_is_a_callback()
    {
        // "Handle" (an object users call) collided with "handler" (a callback): the object is an API now.
        var handles = Exported
            .SelectMany(t => new[] { t.Name }.Concat(t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).Select(m => m.Name)))
            .Where(n => HandleWord().IsMatch(n))
            .Distinct()
            .ToList();
        handles.ShouldBeEmpty();
        typeof(Client<>).GetMethod("GetApi").ShouldNotBeNull();
    }

    [Fact]
    public void A_match_is_a_validator_there_is_no_second_rule_type()
    {
        Exported.Where(t => t.Name.EndsWith("Rule", StringComparison.Ordinal)).Select(t => t.FullName).ShouldBeEmpty();
        var matches = typeof(ClientBuilder<>).GetMethods()
            .Where(m => m.Name is "AddModule" or "AddLightweightModule")
            .SelectMany(m => m.GetParameters())
            .Where(p => p.Name == "matches")
            .ToList();
        matches.ShouldNotBeEmpty();
        matches.ShouldAllBe(p => p.ParameterType == typeof(Validator));
    }

    [Fact]
    public void No_type_name_is_declared_twice_across_the_core_and_the_socket_io_transport()
    {
        var core = Exported.Where(t => !t.IsNested).Select(t => t.Name).ToHashSet();
        var socketIo = typeof(Protocol.SocketIO.SocketIOConnection).Assembly.GetExportedTypes().Where(t => !t.IsNested).Select(t => t.Name);
        socketIo.Where(core.Contains).ShouldBeEmpty();
    }

    // Handle as a word (TradesHandle, GetHandle), not Handler/Handled/Handles.
    [GeneratedRegex("Handle(?![a-z])")]
    private static partial Regex HandleWord();
}
