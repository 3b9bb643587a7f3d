using Protocol.PocketOption.Wire;

namespace Protocol.PocketOption.Account;

// What PocketOptionClient.WatchBalanceAsync returns. The subscription is made when the watch is created, not on the first
// MoveNextAsync as an async iterator would, so a balance pushed between the call and the first read is kept. Written by hand
// also because an async iterator's DisposeAsync throws NotSupportedException while a read is pending (hiding the real error
// in `await using` code); here disposing ends that read with false, as completing a channel's writer ends a pending read.
internal sealed class BalanceWatch(Subscription<BalanceUpdate> updates, CancellationToken cancellationToken) : IAsyncEnumerable<decimal>
{
    public IAsyncEnumerator<decimal> GetAsyncEnumerator(CancellationToken enumeratorToken = default)
    {
        // Either token ends the enumeration: the one given to WatchBalanceAsync, or the one of WithCancellation.
        CancellationTokenSource? linked = null;
        var token = cancellationToken;
        if (enumeratorToken.CanBeCanceled && !cancellationToken.CanBeCanceled)
        {
            token = enumeratorToken;
        }
        else if (enumeratorToken.CanBeCanceled && enumeratorToken != cancellationToken)
        {
            linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, enumeratorToken);
            token = linked.Token;
        }

        return new Enumerator(updates, updates.GetAsyncEnumerator(token), linked);
    }

    private sealed class Enumerator(Subscription<BalanceUpdate> updates, IAsyncEnumerator<BalanceUpdate> inner, CancellationTokenSource? linked)
        : IAsyncEnumerator<decimal>
    {
        public decimal Current => inner.Current.Balance;

        public ValueTask<bool> MoveNextAsync() => inner.MoveNextAsync();

        public async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync().ConfigureAwait(false);

            // Also ends a watch whose enumeration never started (the subscription's own enumerator leaves that one active).
            await updates.DisposeAsync().ConfigureAwait(false);
            linked?.Dispose();
        }
    }
}
