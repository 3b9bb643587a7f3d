using Protocol.Core.Tests.Support;
using Protocol.Testing;

namespace Protocol.Core.Tests.Validators;

// RawChannel.StreamAsync: a hand-written enumerator, so disposing it during a pending read ends that read instead of throwing
// NotSupportedException (what an async iterator does), and the handler it reads stays registered.
public sealed class RawStreamTests
{
    [Fact]
    public async Task Disposing_the_stream_during_a_pending_read_ends_it_with_false_and_keeps_the_handler()
    {
        await using var h = new Harness(b => b.AddRawModule());
        var connection = await h.ConnectReadyAsync();
        var raw = h.Client.GetApi<RawApi>();
        await using var handler = raw.OpenChannel(Validator.Contains("tick"));
        var reader = handler.StreamAsync().GetAsyncEnumerator();
        var pending = reader.MoveNextAsync().AsTask();
        pending.IsCompleted.ShouldBeFalse();

        await reader.DisposeAsync().AsTask().WithSafetyNet();

        (await pending.WithSafetyNet()).ShouldBeFalse();
        (await reader.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeFalse("a disposed stream stays ended");
        raw.ChannelCount.ShouldBe(1, "the stream does not own the handler");
        connection.PushText("""{"action":"tick","v":1}""");
        (await handler.WaitNextAsync(TimeSpan.FromSeconds(5)).WithSafetyNet()).Text.ShouldBe("""{"action":"tick","v":1}""");
    }

    [Fact]
    public async Task An_error_inside_await_using_with_a_pending_read_is_the_error_the_caller_sees()
    {
        await using var h = new Harness(b => b.AddRawModule());
        await h.ConnectReadyAsync();
        await using var handler = h.Client.GetApi<RawApi>().OpenChannel(Validator.Contains("tick"));
        Task<bool>? pending = null;

        var error = await Should.ThrowAsync<InvalidOperationException>(async () =>
        {
            await using var reader = handler.StreamAsync().GetAsyncEnumerator();
            pending = reader.MoveNextAsync().AsTask();
            throw new InvalidOperationException("the real cause");
        });

        error.Message.ShouldBe("the real cause");
        (await pending.ShouldNotBeNull().WithSafetyNet()).ShouldBeFalse();
    }

    [Fact]
    public async Task A_match_that_arrives_after_the_call_and_before_the_first_read_is_the_first_one_read()
    {
        await using var h = new Harness(b => b.AddRawModule());
        var connection = await h.ConnectReadyAsync();
        await using var handler = h.Client.GetApi<RawApi>().OpenChannel(Validator.Contains("tick"));
        var stream = handler.StreamAsync();
        connection.PushText("""{"action":"tick","v":1}""");
        connection.PushText("""{"action":"tick","v":2}""");

        await using var reader = stream.GetAsyncEnumerator();
        (await reader.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();
        reader.Current.Text.ShouldBe("""{"action":"tick","v":1}""");
        (await reader.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();
        reader.Current.Text.ShouldBe("""{"action":"tick","v":2}""");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cancelling_a_token_ends_a_pending_read_with_OperationCanceledException(bool withCancellation)
    {
        await using var h = new Harness(b => b.AddRawModule());
        var connection = await h.ConnectReadyAsync();
        await using var handler = h.Client.GetApi<RawApi>().OpenChannel(Validator.Contains("tick"));
        using var cancel = new CancellationTokenSource();
        await using var reader = withCancellation
            ? handler.StreamAsync().GetAsyncEnumerator(cancel.Token)
            : handler.StreamAsync(cancel.Token).GetAsyncEnumerator();
        var pending = reader.MoveNextAsync().AsTask();

        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(pending.WithSafetyNet());
        (await reader.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeFalse("a cancelled stream ends");
        connection.PushText("""{"action":"tick","v":1}""");
        (await handler.WaitNextAsync(TimeSpan.FromSeconds(5)).WithSafetyNet()).Name.ShouldBe("tick", "the handler goes on");
    }
}
