namespace Protocol.Tests.Allocations;

// Measures what a synchronous piece of code allocates, in rounds, on a thread of its own: the bytes counted are those of
// the code under test, not of whatever else a busy process runs on a test thread (an xUnit or thread-pool thread also runs
// other tests' continuations and work items between awaits, and a blocking wait on it may run them inline).
internal static class AllocationRounds
{
    // The safety net of a measurement: rounds of CPU-bound work (thousands of calls each), which a CI machine running every
    // test assembly on 2 cores has stretched past the 5 s net meant for in-memory waits. Still a bound, so a hang fails.
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    // Rounds one warm-up, then `rounds` measured rounds, each GC.GetAllocatedBytesForCurrentThread around one call of
    // `round`. Assert on the smallest: an allocation per call of the code under test shows in every round (at least one
    // object per call, and a round makes thousands of calls), while a one-time cost that can land in any round on a loaded
    // machine shows in one round only: this thread's first contended wait on a lock (the lock's wait event and the thread's
    // wait state are created then), the switch to tier-1 code (the tier-1 compile waits while other tests keep jitting),
    // or a shared queue or pool growing. What is not measured: an allocation rarer than once per round.
    public static Task<long[]> MeasureAsync(Action round, int rounds)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var done = new TaskCompletionSource<long[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                round();
                var bytes = new long[rounds];
                for (var i = 0; i < rounds; i++)
                {
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    round();
                    bytes[i] = GC.GetAllocatedBytesForCurrentThread() - before;
                }

                done.TrySetResult(bytes);
            }
            catch (Exception error)
            {
                done.TrySetException(error);
            }
        })
        {
            IsBackground = true,
            Name = "allocation rounds",
        };
        thread.Start();
        return done.Task;
    }

    // "0, 0, 312, 0, 0" for a failure message.
    public static string Describe(long[] bytes) => string.Join(", ", bytes);
}
