using System.Text;
using Protocol.Testing;

namespace Protocol.SocketIO.Tests.Connection;

// The receive path runs on the connection's read loop, not on a thread a test can give it, so AllocationRounds cannot
// drive it. Same idea in place: every frame is queued before the loop is let go (so it never runs dry, never awaits and
// never changes thread), the loop's own thread is read at round boundaries, and the assertion is on the least round: a
// per-message allocation shows in every round, a one-time cost on that thread in one round only.
public sealed class ConnectionAllocationTests
{
    private const int Rounds = 5;

    [Fact]
    public async Task The_event_path_allocates_nothing_per_message()
    {
        const int Messages = 100_000;
        var frames = new byte[Messages][];
        for (var i = 0; i < Messages; i++)
        {
            frames[i] = Encoding.UTF8.GetBytes($"42[\"tick\",{i},\"xxxxxxxxxxxxxxxx\"]");
        }

        var marks = new RoundMarks(warmUp: 10_000, perRound: (Messages - 10_000) / Rounds);
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
            if (marks.Mark(seen))
            {
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

        await done.Task.WithSafetyNet(TimeSpan.FromSeconds(60));
        marks.ThreadChanged.ShouldBeFalse("the read loop changed thread mid-measurement, so its readings are not of one thread");
        var rounds = marks.Measured();
        rounds.Min().ShouldBe(0, $"the event path allocated in every round of {marks.PerRound} messages (bytes per round: {string.Join(", ", rounds)})");
        sum.ShouldBe((long)Messages * (Messages - 1) / 2);
    }

    [Fact]
    public async Task The_binary_event_path_allocates_nothing_per_message_after_warm_up()
    {
        const int Messages = 20_000;
        var header = Encoding.UTF8.GetBytes("451-[\"bin\",{\"_placeholder\":true,\"num\":0}]");
        var attachment = new byte[] { 1, 2, 3, 4 };
        var marks = new RoundMarks(warmUp: 100, perRound: (Messages - 100) / Rounds);
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
            if (marks.Mark(seen))
            {
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

        await done.Task.WithSafetyNet(TimeSpan.FromSeconds(60));
        marks.ThreadChanged.ShouldBeFalse("the read loop changed thread mid-measurement, so its readings are not of one thread");
        var rounds = marks.Measured();
        rounds.Min().ShouldBe(0, $"the binary event path allocated in every round of {marks.PerRound} messages (bytes per round: {string.Join(", ", rounds)})");
    }

    // Readings of the read loop's thread at the start of each round (after `warmUp` messages) and at the end of the last.
    private sealed class RoundMarks(int warmUp, int perRound)
    {
        private readonly long[] _bytes = new long[Rounds + 1];
        private int _thread;

        public int PerRound => perRound;

        public bool ThreadChanged { get; private set; }

        // Called by the read loop with the count of messages seen; true once the last round ends.
        public bool Mark(int seen)
        {
            if (seen < warmUp || (seen - warmUp) % perRound != 0)
            {
                return false;
            }

            var index = (seen - warmUp) / perRound;
            if (index > Rounds)
            {
                return false;
            }

            // Read the counter first: what follows must not count in the round that starts here.
            _bytes[index] = GC.GetAllocatedBytesForCurrentThread();
            if (index == 0)
            {
                _thread = Environment.CurrentManagedThreadId;
            }
            else if (_thread != Environment.CurrentManagedThreadId)
            {
                ThreadChanged = true;
            }

            return index == Rounds;
        }

        public long[] Measured()
        {
            var rounds = new long[Rounds];
            for (var i = 0; i < rounds.Length; i++)
            {
                rounds[i] = _bytes[i + 1] - _bytes[i];
            }

            return rounds;
        }
    }
}
