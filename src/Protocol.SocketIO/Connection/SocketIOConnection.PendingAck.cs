using System.Text;

namespace Protocol.SocketIO;

public sealed partial class SocketIOConnection
{
    /// <summary>One emit waiting for its ack: completed by the read loop, failed by timeout, cancellation, send failure or close.</summary>
    private sealed class PendingAck : IDisposable
    {
        private readonly SocketIOConnection _owner;
        private readonly TaskCompletionSource<SocketIOAck> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TimeSpan _timeout;
        private ITimer? _timer;
        private CancellationTokenRegistration _cancellation;

        public PendingAck(SocketIOConnection owner, long id, string eventName, string @namespace, TimeSpan timeout)
        {
            _owner = owner;
            Id = id;
            EventName = eventName;
            Namespace = @namespace;
            NamespaceUtf8 = Encoding.UTF8.GetBytes(@namespace);
            _timeout = timeout;
        }

        public long Id { get; }

        public string EventName { get; }

        public string Namespace { get; }

        public byte[] NamespaceUtf8 { get; }

        public Task<SocketIOAck> Task => _completion.Task;

        /// <summary>Arms the timeout and the cancellation before the packet is queued, so a fast ack always finds them.</summary>
        public void Arm(CancellationToken cancellationToken)
        {
            _timer = _owner._time.CreateTimer(static s => ((PendingAck)s!).OnTimeout(), this, _timeout, Timeout.InfiniteTimeSpan);
            if (cancellationToken.CanBeCanceled)
            {
                _cancellation = cancellationToken.UnsafeRegister(static (s, ct) => ((PendingAck)s!).OnCancelled(ct), this);
            }
        }

        /// <summary>A send that fails or is cancelled before it went out fails the wait too.</summary>
        public void Observe(Task sent)
        {
            if (sent.IsCompletedSuccessfully)
            {
                return;
            }

            sent.ContinueWith(
                static (t, s) =>
                {
                    var self = (PendingAck)s!;
                    if (t.IsCanceled)
                    {
                        self.OnCancelled(new CancellationToken(canceled: true));
                    }
                    else if (t.Exception is { } ex)
                    {
                        self.TryFail(ex.InnerException ?? ex);
                    }
                },
                this,
                CancellationToken.None,
                TaskContinuationOptions.NotOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        public void TryComplete(SocketIOAck ack)
        {
            if (_completion.TrySetResult(ack))
            {
                Dispose();
            }
        }

        public void TryFail(Exception error)
        {
            if (_completion.TrySetException(error))
            {
                Dispose();
            }
        }

        public void Dispose()
        {
            _owner._pendingAcks.TryRemove(new KeyValuePair<long, PendingAck>(Id, this));
            _timer?.Dispose();
            _cancellation.Dispose();
        }

        private void OnTimeout() => TryFail(new SocketIOAckTimeoutException(EventName, Namespace, Id, _timeout));

        private void OnCancelled(CancellationToken cancellationToken)
        {
            if (_completion.TrySetCanceled(cancellationToken))
            {
                Dispose();
            }
        }
    }

    /// <summary>A namespace this connection joined or is joining.</summary>
    private sealed class NamespaceEntry(string name)
    {
        private const int Pending = 0;
        private const int Joined = 1;
        private const int Left = 2;
        private int _state;

        public string Name { get; } = name;

        public TaskCompletionSource Connected { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string? SocketId { get; private set; }

        public bool IsPending => Volatile.Read(ref _state) == Pending;

        public bool IsConnected => Volatile.Read(ref _state) == Joined;

        public void MarkConnected(string? socketId)
        {
            SocketId = socketId;
            Volatile.Write(ref _state, Joined);
            Connected.TrySetResult();
        }

        public void MarkDisconnected() => Volatile.Write(ref _state, Left);
    }
}
