using System.ComponentModel;
using System.Buffers;

namespace Protocol.Infrastructure;

/// <summary>
/// An owned, pooled copy of a <see cref="MessageView"/>, shared by every module the router delivered it to. The router
/// copies the bytes once; each holder calls <see cref="Release"/> when done, and the last release returns the lease
/// (and its buffers) to the pool, so routing allocates nothing in steady state.
/// </summary>
/// <remarks>Do not touch a lease after releasing it: it may already carry another message.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MessageLease
{
    // Buffers above this size go back to the shared pool instead of staying with a pooled lease.
    private const int MaxRetainedBytes = 64 * 1024;

    private readonly MessageLeasePool _pool;
    private byte[] _buffer = [];
    private ReadOnlyMemory<byte>[] _attachments = [];
    private int _attachmentCount;
    private int _refCount;
    private ArgumentSlice[] _arguments = [];
    private int _argumentCount;
    private bool _payloadIsArgument;
    private bool _nameIsNumber;
    private MessageKind _kind;
    private long _correlationId;
    private Range _raw;
    private Range _name;
    private Range _scope;
    private Range _payload;

    internal MessageLease(MessageLeasePool pool) => _pool = pool;

    /// <summary>The message, valid until this holder calls <see cref="Release"/>.</summary>
    public MessageView View
    {
        get
        {
            var bytes = _buffer.AsSpan();
            return _payloadIsArgument
                ? new MessageView(_kind, bytes[_raw], bytes[_name], bytes[_payload]) { NameIsNumber = _nameIsNumber }
                : new MessageView(_kind, bytes[_raw], bytes[_name], bytes[_payload], _arguments.AsSpan(0, _argumentCount), _attachments.AsSpan(0, _attachmentCount), bytes[_scope], _correlationId) { NameIsNumber = _nameIsNumber };
        }
    }

    /// <summary>The tick (from the client's <see cref="TimeProvider"/>) at which the message was received.</summary>
    public long ReceivedTimestamp { get; private set; }

    /// <summary>Adds a holder.</summary>
    public void Retain() => Interlocked.Increment(ref _refCount);

    /// <summary>Drops a holder; the last one returns the lease to its pool.</summary>
    /// <exception cref="InvalidOperationException">The lease was released more often than retained.</exception>
    public void Release()
    {
        var remaining = Interlocked.Decrement(ref _refCount);
        if (remaining > 0)
        {
            return;
        }

        if (remaining < 0)
        {
            throw new InvalidOperationException("A message lease was released more times than it was retained; release each delivered lease exactly once.");
        }

        _attachments.AsSpan(0, _attachmentCount).Clear();
        _attachmentCount = 0;
        if (_buffer.Length > MaxRetainedBytes)
        {
            InboundBuffers.Return(null, _buffer);
            _buffer = [];
        }

        _pool.Return(this);
    }

    // Copies the view into this lease's buffer. Slices that lie inside Raw (the usual case: name and payload are
    // parts of the frame text) are stored as offsets into the copied Raw instead of being copied twice. The argument
    // layout is relative to the payload, so it is kept as it is (no re-scan of the copy).
    internal void Load(MessageView view, long timestamp)
    {
        var raw = view.Raw;
        var attachments = view.Attachments;
        var size = raw.Length + Extra(raw, view.Name) + Extra(raw, view.Scope) + Extra(raw, view.Payload);
        foreach (var attachment in attachments)
        {
            size += attachment.Length;
        }

        if (_buffer.Length < size)
        {
            if (_buffer.Length > 0)
            {
                InboundBuffers.Return(null, _buffer);
            }

            // Over 1 MiB the copy is not pooled: a hostile server's big message must not stay parked in the shared pool.
            _buffer = InboundBuffers.Rent(null, Math.Max(size, 256));
        }

        var position = 0;
        _raw = Copy(raw, ref position);
        _name = Place(raw, view.Name, ref position);
        _scope = Place(raw, view.Scope, ref position);
        _payload = Place(raw, view.Payload, ref position);

        if (_attachments.Length < attachments.Length)
        {
            _attachments = new ReadOnlyMemory<byte>[Math.Max(attachments.Length, 4)];
        }

        for (var i = 0; i < attachments.Length; i++)
        {
            var range = Copy(attachments[i].Span, ref position);
            _attachments[i] = _buffer.AsMemory(range);
        }

        _attachmentCount = attachments.Length;
        var arguments = view.ArgumentSlices;
        if (_arguments.Length < arguments.Length)
        {
            _arguments = new ArgumentSlice[Math.Max(arguments.Length, 4)];
        }

        arguments.CopyTo(_arguments);
        _argumentCount = arguments.Length;
        _payloadIsArgument = view.PayloadIsArgument;
        _nameIsNumber = view.NameIsNumber;
        _kind = view.Kind;
        _correlationId = view.CorrelationId;
        ReceivedTimestamp = timestamp;
        _refCount = 1;
    }

    private static int Extra(ReadOnlySpan<byte> raw, ReadOnlySpan<byte> part)
        => part.IsEmpty || raw.Overlaps(part) ? 0 : part.Length;

    private Range Place(ReadOnlySpan<byte> raw, ReadOnlySpan<byte> part, ref int position)
    {
        if (part.IsEmpty)
        {
            return default;
        }

        if (raw.Overlaps(part, out var offset) && offset >= 0 && offset + part.Length <= raw.Length)
        {
            return new Range(offset, offset + part.Length);
        }

        return Copy(part, ref position);
    }

    private Range Copy(ReadOnlySpan<byte> source, ref int position)
    {
        source.CopyTo(_buffer.AsSpan(position));
        var range = new Range(position, position + source.Length);
        position += source.Length;
        return range;
    }
}
