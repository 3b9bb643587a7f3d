using Protocol.Messaging;

namespace Protocol.Commands;

/// <summary>A command that sends one protocol message and waits for a <typeparamref name="TResult"/> (what generated modules issue).</summary>
/// <typeparam name="TRequest">The message sent.</typeparam>
/// <typeparam name="TResult">What the caller gets back.</typeparam>
public abstract class RequestCommand<TRequest, TResult> : Command<TResult>
    where TRequest : IOutgoingMessage
{
    private readonly string _name;

    /// <summary>Creates the command.</summary>
    /// <param name="name">The command's name in traces, metrics and errors.</param>
    /// <param name="request">The message to send.</param>
    protected RequestCommand(string name, TRequest request)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (request is null)
        {
            // Not ThrowIfNull: that would box a struct request.
            throw new ArgumentNullException(nameof(request));
        }

        _name = name;
        Request = request;
    }

    /// <summary>The message to send.</summary>
    public TRequest Request { get; }

    /// <inheritdoc />
    public override string CommandName => _name;
}
