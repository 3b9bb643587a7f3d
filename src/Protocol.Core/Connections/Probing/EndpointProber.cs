using Microsoft.Extensions.Logging;
using Protocol.Infrastructure;

namespace Protocol;

// Measures each endpoint's transport handshake, all in parallel: a fresh connection from the client's own factory (so the
// probe is the handshake a session would do, with its headers and TLS, and never an ICMP ping or a third-party geo-IP
// look-up), timed on the client's clock, then closed. Orders the fastest first and the unreachable last, in their
// original order (a stable sort), so a tie or a total failure keeps the declared order.
internal sealed class EndpointProber(ConnectionFactory factory, TimeProvider timeProvider, TimeSpan probeTimeout, TimeSpan closeTimeout, ILogger logger)
{
    public async Task<EndpointLatency[]> ProbeAsync(IReadOnlyList<ConnectionEndpoint> endpoints, CancellationToken cancellationToken)
    {
        EndpointProbeLog.Probing(logger, endpoints.Count, probeTimeout);

        // Task.Run: a factory or a transport that blocks before its first await must not serialise the probes. Every latency
        // counts from one start, so a probe the thread pool started late is not measured as faster than one that answered first.
        var started = timeProvider.GetTimestamp();
        var probes = new Task<TimeSpan?>[endpoints.Count];
        for (var i = 0; i < probes.Length; i++)
        {
            var endpoint = endpoints[i];
            probes[i] = Task.Run(() => ProbeOneAsync(endpoint, started, cancellationToken), CancellationToken.None);
        }

        try
        {
            await Task.WhenAll(probes).ConfigureAwait(false);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }

        var measured = new EndpointLatency[endpoints.Count];
        for (var i = 0; i < measured.Length; i++)
        {
            measured[i] = new EndpointLatency(endpoints[i], probes[i].Result, Probed: true);
        }

        var ordered = Order(measured);
        EndpointProbeLog.Ordered(logger, Describe(ordered));
        return ordered;
    }

    // Reachable by latency (OrderBy is stable: ties keep the declared order), then the unreachable in the declared order.
    public static EndpointLatency[] Order(EndpointLatency[] measured)
        => [.. measured.Where(m => m.IsReachable).OrderBy(m => m.Latency!.Value), .. measured.Where(m => !m.IsReachable)];

    public static string Describe(IEnumerable<EndpointLatency> order) => string.Join(", ", order);

    private async Task<TimeSpan?> ProbeOneAsync(ConnectionEndpoint endpoint, long started, CancellationToken cancellationToken)
    {
        IConnection connection;
        try
        {
            connection = factory();
        }
        catch (Exception error)
        {
            EndpointProbeLog.ProbeFailed(logger, endpoint.Name, "the connection factory threw " + error.GetType().Name);
            return null;
        }

        try
        {
            using var timeout = new CancellationTokenSource(probeTimeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                // WaitAsync: a transport that ignores its token still cannot hold the probe past its timeout.
                await connection.ConnectAsync(endpoint, ProbeSink.Instance, linked.Token).AsTask().WaitAsync(linked.Token).ConfigureAwait(false);
                return timeProvider.GetElapsedTime(started);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                EndpointProbeLog.ProbeFailed(logger, endpoint.Name, $"no handshake within {probeTimeout}");
                return null;
            }
            catch (Exception error)
            {
                EndpointProbeLog.ProbeFailed(logger, endpoint.Name, error.GetType().Name);
                return null;
            }
        }
        finally
        {
            await CloseAsync(connection).ConfigureAwait(false);
        }
    }

    // Best effort and bounded: a probe's connection carries nothing, so a close that fails or hangs is only abandoned.
    private async Task CloseAsync(IConnection connection)
    {
        try
        {
            using var close = new CancellationTokenSource(closeTimeout, timeProvider);
            await connection.CloseAsync(close.Token).AsTask().WaitAsync(close.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Never connected, already broken, or slow: disposed next either way.
        }

        try
        {
            await connection.DisposeAsync().AsTask().WaitAsync(closeTimeout, timeProvider).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Nothing more can be done for a probe connection that fails to dispose.
        }
    }

    // A probe reads nothing: what the server sends during the handshake (a Socket.IO open packet is the transport's own) is dropped.
    private sealed class ProbeSink : IMessageSink
    {
        public static readonly ProbeSink Instance = new();

        public void OnMessage(in MessageView message)
        {
        }

        public void OnDisconnected(DisconnectInfo info)
        {
        }
    }
}
