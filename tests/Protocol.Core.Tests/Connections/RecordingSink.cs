using System.Text;
using System.Threading.Channels;
using Protocol.Infrastructure;

namespace Protocol.Core.Tests.Connections;

/// <summary>A copy of what a connection handed to its sink.</summary>
internal sealed record SeenView(MessageKind Kind, string Name, string Raw, string Payload);

/// <summary>An <see cref="IMessageSink"/> that records views and the one disconnect.</summary>
internal sealed class RecordingSink : IMessageSink
{
    private readonly Channel<SeenView> _views = Channel.CreateUnbounded<SeenView>();
    private int _disconnects;
    private int _count;

    public TaskCompletionSource<DisconnectInfo> Disconnected { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int DisconnectCount => Volatile.Read(ref _disconnects);

    public int Count => Volatile.Read(ref _count);

    public string? ThrowOn { get; init; }

    /// <summary>Sees each view while it is valid (to read its arguments).</summary>
    public Action<MessageView>? OnView { get; set; }

    public void OnMessage(in MessageView message)
    {
        OnView?.Invoke(message);
        if (ThrowOn is not null && message.Name.SequenceEqual(Encoding.UTF8.GetBytes(ThrowOn)))
        {
            throw new InvalidOperationException("sink failed");
        }

        Interlocked.Increment(ref _count);
        _views.Writer.TryWrite(new SeenView(message.Kind, Encoding.UTF8.GetString(message.Name), Encoding.UTF8.GetString(message.Raw), Encoding.UTF8.GetString(message.Payload)));
    }

    public void OnDisconnected(DisconnectInfo info)
    {
        Interlocked.Increment(ref _disconnects);
        Disconnected.TrySetResult(info);
    }

    public async Task<SeenView> NextAsync() => await _views.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
}
