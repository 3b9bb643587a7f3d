using System.Threading.Channels;

namespace Protocol.Testing;

// The recorders' one wait: the next item a test has not consumed yet that matches, bounded so a broken test fails instead of hanging.
internal static class Waiting
{
    public static async Task<T> NextMatchingAsync<T>(ChannelReader<T> items, Func<T, bool> match, TimeSpan? timeout, Func<TimeSpan, string> describeTimeout, CancellationToken cancellationToken)
    {
        var limit = timeout ?? SafetyNet.DefaultLimit;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(limit);
        try
        {
            while (true)
            {
                var item = await items.ReadAsync(cts.Token).ConfigureAwait(false);
                if (match(item))
                {
                    return item;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(describeTimeout(limit));
        }
    }
}
