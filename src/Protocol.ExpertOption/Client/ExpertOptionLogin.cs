using Protocol.ExpertOption.Wire;
using Protocol.ExpertOption.Wire.Context;
using Protocol.ExpertOption.Wire.Errors;

namespace Protocol.ExpertOption;

/// <summary>
/// There is no login action: the first request, <c>setContext</c>, carries the token, and its answer (echoing the <c>ns</c>) is
/// the "token accepted" signal; an error frame answering it is a refusal (fact sheet §1.3 and §4.1). A refusal is terminal.
/// </summary>
internal sealed class ExpertOptionLogin : IPlatformLogin<ExpertOptionState>
{
    private long _ns;

    public async ValueTask StartAsync(LoginContext<ExpertOptionState> context, CancellationToken cancellationToken)
    {
        var ns = context.State.NextNs();
        Volatile.Write(ref _ns, ns);
        var request = new SetContextRequest { Body = { IsDemo = context.State.IsDemo ? 1 : 0 }, Token = context.State.Token, Ns = ns };
        await context.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public LoginDecision OnMessage(MessageView message, LoginContext<ExpertOptionState> context)
    {
        var ns = Volatile.Read(ref _ns);
        if (SetContextReply.Matches(message) && SetContextReply.TryRead(message, out var reply) && WireNs.Answers(reply.Ns, ns))
        {
            return LoginDecision.Accept();
        }

        if (ErrorFrame.Matches(message) && ErrorFrame.TryRead(message, out var error) && error.Answers(ns))
        {
            // The code is the server's (e.g. ERROR_INCORRECT_TOKEN); the token itself is never part of the reason.
            return LoginDecision.Reject($"ExpertOption refused the session token for the {(context.State.IsDemo ? "demo" : "real")} context ({error.Code}). " +
                "Copy a fresh 'token' cookie from a logged-in app.expertoption.com session and create the client again.");
        }

        return LoginDecision.Pending;
    }
}
