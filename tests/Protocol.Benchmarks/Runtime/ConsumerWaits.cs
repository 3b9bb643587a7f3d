namespace Protocol.Benchmarks.Runtime;

/// <summary>
/// How often a benchmark's consumer found nothing to read and waited (a read not complete at once), per message taken.
/// On two threads this, not the per-message CPU, decides most of a run's time: each wait is a thread-pool wake paid by the
/// producer (see the README, "Issue #9, session 14"), so every benchmark whose consumer counts here
/// (<see cref="BenchClients"/>' consumer loops) prints it beside its figures when its case ends: in one in-process run,
/// each case's count is then its own.
/// </summary>
internal static class ConsumerWaits
{
    private static long s_waits;
    private static long s_taken;

    public static void Add(long waits, long taken)
    {
        Interlocked.Add(ref s_waits, waits);
        Interlocked.Add(ref s_taken, taken);
    }

    /// <summary>The waits and messages counted since the last look, then starts counting anew.</summary>
    public static (long Waits, long Taken) Take() => (Interlocked.Exchange(ref s_waits, 0), Interlocked.Exchange(ref s_taken, 0));

    /// <summary>Prints the waits per message since the last report (warm-up included), then starts counting anew.</summary>
    public static void Report(string benchmark)
    {
        var (waits, taken) = Take();
        if (taken > 0)
        {
            Console.WriteLine($"// {benchmark}: the consumer waited on {(double)waits / taken:F3} of {taken:N0} messages");
        }
    }
}
