
namespace Protocol.Core.Tests.Support;

// The platform speaks JSON actions: the client sends {"action":"login"}; the server answers loginOk or loginRejected.
public sealed class TestLogin : IPlatformLogin<TestState>
{
    public const string LoginFrame = """{"action":"login","token":"secret-token"}""";

    public async ValueTask StartAsync(LoginContext<TestState> context, CancellationToken cancellationToken)
        => await context.SendAsync(OutgoingMessage.Text(LoginFrame), cancellationToken);

    public LoginDecision OnMessage(MessageView message, LoginContext<TestState> context)
    {
        if (message.Kind != MessageKind.Action)
        {
            return LoginDecision.Pending;
        }

        if (message.Name.SequenceEqual("loginOk"u8))
        {
            return LoginDecision.Accept();
        }

        if (message.Name.SequenceEqual("loginRejected"u8))
        {
            return LoginDecision.Reject("session expired");
        }

        return LoginDecision.Pending;
    }
}
