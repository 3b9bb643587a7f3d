using System.ComponentModel;

namespace Protocol.Infrastructure;

/// <summary>A command that sends one protocol message and waits for a <typeparamref name="TResult"/> (what generated modules issue).</summary>
/// <typeparam name="TRequest">The message sent.</typeparam>
/// <typeparam name="TResult">What the caller gets back.</typeparam>
/// <remarks>
/// The API sends the request itself, straight into the transport's send queue, after the command is pending: its
/// answer is matched on the receive path, so it never waits in the module's inbox.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class RequestCommand<TRequest, TResult> : Command<TResult>, IRequestMessageCommand
    where TRequest : IOutgoingMessage
{
    private readonly string _name;
    private readonly bool _completesWhenSent;

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

    /// <summary>Creates a command that completes with <paramref name="sentResult"/> once its request is on the wire (a send without a response).</summary>
    /// <param name="name">The command's name in traces, metrics and errors.</param>
    /// <param name="request">The message to send.</param>
    /// <param name="sentResult">The result once sent.</param>
    protected RequestCommand(string name, TRequest request, TResult sentResult)
        : this(name, request)
    {
        _completesWhenSent = true;
        SentResult = sentResult;
    }

    /// <summary>The message to send.</summary>
    public TRequest Request { get; }

    private TResult? SentResult { get; }

    /// <inheritdoc />
    public override string CommandName => _name;

    ValueTask IRequestMessageCommand.SendAsync(IClientRuntime runtime, CancellationToken cancellationToken)
        => EnvelopeSender.SendAsync(runtime, Request, this, cancellationToken);

    void IRequestMessageCommand.OnSent()
    {
        if (_completesWhenSent)
        {
            TryComplete(SentResult!);
        }
    }
}
