using System.Text;

namespace Protocol.SocketIO.Tests.Connection;

public sealed class ConnectionAllocationTests
{
    [Fact]
    public async Task The_event_path_allocates_nothing_per_message()
    {
        const int Messages = 100_000;
        var frames = new byte[Messages][];
        for (var i = 0; i < Messages; i++)
        {
            frames[i] = Encoding.UTF8.GetBytes($"42[\"tick\",{i},\"xxxxxxxxxxxxxxxx\"]");
        }

        long startBytes = 0;
        long endBytes = 0;
        var startThread = 0;
        var endThread = 0;
        var seen = 0;
        long sum = 0;
        var done = new TaskCompletionSource();
        using var gate = new ManualResetEventSlim();
        await using var h = new ConnectionHarness(view =>
        {
            if (view.Kind != MessageKind.Event)
            {
                return;
            }

            if (view.Name.SequenceEqual("gate"u8))
            {
                // Hold the read loop until every frame is queued, so it never runs dry and never changes thread.
                gate.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue();
                return;
            }

            // Touch the data like a reader would: the name and one numeric argument.
            if (view.Name.SequenceEqual("tick"u8) && view.TryGetArgumentReader(0, out var reader))
            {
                sum += reader.GetInt64();
            }

            seen++;
            if (seen == 1)
            {
                startThread = Environment.CurrentManagedThreadId;
                startBytes = GC.GetAllocatedBytesForCurrentThread();
            }
            else if (seen == Messages)
            {
                endBytes = GC.GetAllocatedBytesForCurrentThread();
                endThread = Environment.CurrentManagedThreadId;
                done.SetResult();
            }
        });
        await h.OpenAsync();

        h.Transport.PushText("42[\"gate\"]");
        foreach (var frame in frames)
        {
            h.Transport.PushText(frame);
        }

        gate.Set();

        await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        endThread.ShouldBe(startThread);
        sum.ShouldBe((long)Messages * (Messages - 1) / 2);
        var perMessage = (double)(endBytes - startBytes) / (Messages - 1);
        Console.WriteLine($"event path: {perMessage:0.###} bytes/message over {Messages - 1} messages");
        perMessage.ShouldBeLessThan(1.0, $"the event path allocated {endBytes - startBytes} bytes for {Messages - 1} messages");
    }

    [Fact]
    public async Task The_binary_event_path_allocates_nothing_per_message_after_warm_up()
    {
        const int Messages = 20_000;
        var header = Encoding.UTF8.GetBytes("451-[\"bin\",{\"_placeholder\":true,\"num\":0}]");
        var attachment = new byte[] { 1, 2, 3, 4 };
        long startBytes = 0;
        long endBytes = 0;
        var seen = 0;
        var done = new TaskCompletionSource();
        using var gate = new ManualResetEventSlim();
        await using var h = new ConnectionHarness(view =>
        {
            if (view.Kind != MessageKind.Event)
            {
                return;
            }

            if (view.Name.SequenceEqual("gate"u8))
            {
                gate.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue();
                return;
            }

            seen++;
            if (seen == 100)
            {
                startBytes = GC.GetAllocatedBytesForCurrentThread();
            }
            else if (seen == Messages)
            {
                endBytes = GC.GetAllocatedBytesForCurrentThread();
                done.SetResult();
            }
        });
        await h.OpenAsync();
        h.Transport.PushText("42[\"gate\"]");
        for (var i = 0; i < Messages; i++)
        {
            h.Transport.PushText(header);
            h.Transport.PushBinary(attachment);
        }

        gate.Set();

        await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var perMessage = (double)(endBytes - startBytes) / (Messages - 100);
        Console.WriteLine($"binary event path: {perMessage:0.###} bytes/message");
        perMessage.ShouldBeLessThan(1.0);
    }
}
