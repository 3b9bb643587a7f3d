using System.Threading.Channels;
using Protocol.Infrastructure;
using Protocol.Testing;

namespace Protocol.Core.Tests.Subscriptions;

// The base of the platforms' hand-written stream enumerators: a pending read ends with false on dispose, a caller's token
// ends it with OperationCanceledException, errors propagate, and the release runs exactly once whichever way it ends.
public sealed class StreamEnumeratorTests
{
    [Fact]
    public async Task Disposing_during_a_pending_read_ends_it_with_false_and_releases_once()
    {
        var source = Channel.CreateUnbounded<int>();
        var reader = new ChannelEnumerator(source.Reader, default, default);
        var pending = reader.MoveNextAsync().AsTask();
        pending.IsCompleted.ShouldBeFalse();

        await reader.DisposeAsync().AsTask().WithSafetyNet();

        (await pending.WithSafetyNet()).ShouldBeFalse();
        reader.Releases.ShouldBe(1);
        await reader.DisposeAsync();
        source.Writer.TryWrite(1);
        (await reader.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeFalse("a disposed enumerator stays ended");
        reader.Releases.ShouldBe(1);
    }

    [Fact]
    public async Task The_end_of_the_stream_releases_once_and_a_later_dispose_does_not_again()
    {
        var source = Channel.CreateUnbounded<int>();
        source.Writer.TryWrite(7);
        source.Writer.TryComplete();
        var reader = new ChannelEnumerator(source.Reader, default, default);

        (await reader.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();
        reader.Current.ShouldBe(7);
        reader.Releases.ShouldBe(0);
        (await reader.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeFalse();
        reader.Releases.ShouldBe(1);
        await reader.DisposeAsync();
        reader.Releases.ShouldBe(1);
    }

    [Fact]
    public async Task An_error_of_the_read_propagates_and_releases()
    {
        var source = Channel.CreateUnbounded<int>();
        var reader = new ChannelEnumerator(source.Reader, default, default);
        var pending = reader.MoveNextAsync().AsTask();

        source.Writer.TryComplete(new InvalidDataException("the feed broke"));

        (await Should.ThrowAsync<InvalidDataException>(pending.WithSafetyNet())).Message.ShouldBe("the feed broke");
        reader.Releases.ShouldBe(1);
        await reader.DisposeAsync();
        reader.Releases.ShouldBe(1);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Cancelling_either_token_ends_a_pending_read_with_OperationCanceledException_and_releases(bool methodToken)
    {
        using var cancel = new CancellationTokenSource();
        var source = Channel.CreateUnbounded<int>();
        var reader = methodToken ? new ChannelEnumerator(source.Reader, cancel.Token, default) : new ChannelEnumerator(source.Reader, default, cancel.Token);
        var pending = reader.MoveNextAsync().AsTask();

        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(pending.WithSafetyNet());
        reader.Releases.ShouldBe(1);
        (await reader.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeFalse();
        await reader.DisposeAsync();
        reader.Releases.ShouldBe(1);
    }

    [Fact]
    public async Task A_second_read_while_one_is_pending_is_refused()
    {
        var reader = new ChannelEnumerator(Channel.CreateUnbounded<int>().Reader, default, default);
        _ = reader.MoveNextAsync();

        Should.Throw<InvalidOperationException>(() => reader.MoveNextAsync()).Message.ShouldContain("still pending");
        await reader.DisposeAsync().AsTask().WithSafetyNet();
    }

    private sealed class ChannelEnumerator(ChannelReader<int> source, CancellationToken first, CancellationToken second)
        : StreamEnumerator<int>(first, second)
    {
        private int _releases;

        public int Releases => Volatile.Read(ref _releases);

        protected override async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
        {
            while (await source.WaitToReadAsync(cancellationToken))
            {
                if (source.TryRead(out var item))
                {
                    Current = item;
                    return true;
                }
            }

            return false;
        }

        protected override ValueTask ReleaseAsync()
        {
            Interlocked.Increment(ref _releases);
            return ValueTask.CompletedTask;
        }
    }
}
