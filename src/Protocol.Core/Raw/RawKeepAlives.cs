using Microsoft.Extensions.Logging;

namespace Protocol;

// The raw module's keep-alives. The reference client stored them where its reconnect never looked, so they were never
// re-sent; here they are a session starter: after every login (the first included) each one is sent on the new session
// before Ready, then a timer per keep-alive sends it every interval while that session is Ready. A failed send is logged and
// counted and tried again on the next tick; it never fails the session (it carries no state the session depends on). The
// timers' loops end with their session; the client's disposal waits for them (StopAsync), so none sends after it returned.
internal sealed class RawKeepAlives : ISessionStarter
{
    private readonly Lock _gate = new();
    private readonly IClientRuntime _runtime;
    private readonly ILogger _logger;
    private readonly HashSet<Task> _loops = [];
    private RawKeepAlive[] _items = [];
    private long _nextId;
    private object? _session;
    private Func<OutgoingMessage, CancellationToken, ValueTask>? _send;
    private CancellationTokenSource? _sessionStop;

    public RawKeepAlives(IClientRuntime runtime)
    {
        _runtime = runtime;
        _logger = runtime.LoggerFactory.CreateLogger("Protocol.Raw");
        runtime.AddSessionStarter(this);
    }

    public string Name => "raw.keep-alive";

    public int Count => Volatile.Read(ref _items).Length;

    public RawKeepAlive Add(OutgoingMessage message, TimeSpan interval)
    {
        var item = new RawKeepAlive(this, Interlocked.Increment(ref _nextId), message, interval);
        Func<OutgoingMessage, CancellationToken, ValueTask>? send;
        CancellationToken sessionStop;
        lock (_gate)
        {
            _items = [.. _items, item];
            send = _send;
            sessionStop = _sessionStop?.Token ?? default;
        }

        if (send is not null)
        {
            // A session is live: it goes out now (when Ready), then every interval; the next login replays it.
            Track(RunAsync(item, send, sendFirst: true, sessionStop));
        }

        return item;
    }

    public void Remove(RawKeepAlive item)
    {
        lock (_gate)
        {
            _items = [.. _items.Where(i => i != item)];
        }
    }

    public async Task StartAsync(object session, Func<OutgoingMessage, CancellationToken, ValueTask> send, CancellationToken cancellationToken)
    {
        RawKeepAlive[] items;
        CancellationTokenSource stop;
        lock (_gate)
        {
            _sessionStop?.Cancel();
            _sessionStop?.Dispose();
            stop = CancellationTokenSource.CreateLinkedTokenSource(_runtime.ClientClosed);
            _sessionStop = stop;
            _session = session;
            _send = send;
            items = _items;
        }

        foreach (var item in items)
        {
            await SendAsync(item, send, cancellationToken).ConfigureAwait(false);

            // The timer starts now, so the next send is one interval after this replay.
            Track(RunAsync(item, send, sendFirst: false, stop.Token));
        }
    }

    public void SessionEnded(object session)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_session, session))
            {
                return;
            }

            _session = null;
            _send = null;
            _sessionStop?.Cancel();
            _sessionStop?.Dispose();
            _sessionStop = null;
        }
    }

    public Task StopAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll([.. _loops]);
        }
    }

    // Every loop is known until it ends, so disposal can wait for the ones still running.
    private void Track(Task loop)
    {
        lock (_gate)
        {
            _loops.Add(loop);
        }

        _ = loop.ContinueWith(
            static (ended, state) =>
            {
                var owner = (RawKeepAlives)state!;
                lock (owner._gate)
                {
                    owner._loops.Remove(ended);
                }
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task RunAsync(RawKeepAlive item, Func<OutgoingMessage, CancellationToken, ValueTask> send, bool sendFirst, CancellationToken sessionStop)
    {
        CancellationTokenSource linked;
        try
        {
            linked = CancellationTokenSource.CreateLinkedTokenSource(sessionStop, item.Stopped);
        }
        catch (ObjectDisposedException)
        {
            // The session ended while this keep-alive was being added: the next login starts it.
            return;
        }

        using (linked)
        using (var timer = new PeriodicTimer(item.Interval, _runtime.TimeProvider))
        {
            try
            {
                if (sendFirst && _runtime.ConnectionState == ConnectionState.Ready)
                {
                    await SendAsync(item, send, linked.Token).ConfigureAwait(false);
                }

                // PeriodicTimer coalesces missed ticks: a slow send never queues a burst behind it.
                while (await timer.WaitForNextTickAsync(linked.Token).ConfigureAwait(false))
                {
                    // Leave the clock's thread (a fake clock's Advance) before sending.
                    await Task.Yield();
                    if (_runtime.ConnectionState == ConnectionState.Ready)
                    {
                        await SendAsync(item, send, linked.Token).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                // The session ended, the keep-alive was disposed or the client closed.
            }
        }
    }

    private async Task SendAsync(RawKeepAlive item, Func<OutgoingMessage, CancellationToken, ValueTask> send, CancellationToken cancellationToken)
    {
        if (item.Stopped.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await send(item.Message, cancellationToken).ConfigureAwait(false);
            item.CountSent();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception error)
        {
            item.CountFailed();
            _runtime.Telemetry.Error("raw_keep_alive");
            RawLog.KeepAliveFailed(_logger, item.Id, error);
        }
    }
}
