using Microsoft.Extensions.Logging;
using Protocol.Infrastructure;

namespace Protocol;

// Runs middleware in order, each isolated: a throw or an overrun is logged and counted, never propagated.
internal sealed class MiddlewarePipeline<TState>(
    ClientMiddleware<TState>[] middleware,
    MiddlewareContext<TState> context,
    TimeProvider timeProvider,
    TimeSpan timeout,
    ClientTelemetry telemetry,
    ILogger logger)
    where TState : class
{
    public bool IsEmpty => middleware.Length == 0;

    // By reference: the view is large and this runs for every inbound message.
    public void OnReceive(in MessageView message)
    {
        foreach (var item in middleware)
        {
            try
            {
                item.OnReceive(context, message);
            }
            catch (Exception error)
            {
                Failed(item, nameof(ClientMiddleware<TState>.OnReceive), error);
            }
        }
    }

    public void OnSend(in OutgoingMessage message)
    {
        foreach (var item in middleware)
        {
            try
            {
                item.OnSend(context, in message);
            }
            catch (Exception error)
            {
                Failed(item, nameof(ClientMiddleware<TState>.OnSend), error);
            }
        }
    }

    public Task OnConnectionAttemptAsync(ConnectionEndpoint endpoint, int attempt, CancellationToken cancellationToken)
        => RunAsync(nameof(ClientMiddleware<TState>.OnConnectionAttemptAsync), (m, ct) => m.OnConnectionAttemptAsync(context, endpoint, attempt, ct), cancellationToken);

    public Task OnConnectionFailureAsync(ConnectionEndpoint endpoint, Exception error, CancellationToken cancellationToken)
        => RunAsync(nameof(ClientMiddleware<TState>.OnConnectionFailureAsync), (m, ct) => m.OnConnectionFailureAsync(context, endpoint, error, ct), cancellationToken);

    public Task OnConnectAsync(ConnectionEndpoint endpoint, CancellationToken cancellationToken)
        => RunAsync(nameof(ClientMiddleware<TState>.OnConnectAsync), (m, ct) => m.OnConnectAsync(context, endpoint, ct), cancellationToken);

    public Task OnDisconnectAsync(DisconnectInfo info, CancellationToken cancellationToken)
        => RunAsync(nameof(ClientMiddleware<TState>.OnDisconnectAsync), (m, ct) => m.OnDisconnectAsync(context, info, ct), cancellationToken);

    private async Task RunAsync(string hook, Func<ClientMiddleware<TState>, CancellationToken, ValueTask> call, CancellationToken cancellationToken)
    {
        foreach (var item in middleware)
        {
            try
            {
                // One bound per hook on the client's clock; a hook that ignores its token still loses its turn at the bound.
                await TimeoutRunner.RunAsync(hook, timeout, timeProvider, ct => call(item, ct).AsTask(), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationTimeoutException)
            {
                Failed(item, hook, new TimeoutException($"{item.Name}.{hook} did not finish within {timeout} (ClientOptions.CallbackTimeout); the client went on without it."));
            }
            catch (Exception error)
            {
                Failed(item, hook, error);
            }
        }
    }

    private void Failed(ClientMiddleware<TState> item, string hook, Exception error)
    {
        telemetry.Error("middleware");
        RuntimeLog.MiddlewareFailed(logger, item.Name, hook, error);
    }
}
