using System.Diagnostics;
using System.Globalization;

namespace Protocol.Benchmarks.Runtime;

/// <summary>
/// <see cref="TickPathBenchmarks"/>' two-thread cases measured in adjacent pairs: round after round, one invocation of each
/// case (4,096 ticks), the order rotated every round, each timed on its own; the figure is the median over rounds of each
/// case's time divided by the baseline's in the same round. Run:
/// <c>dotnet tests/Protocol.Benchmarks/bin/Release/net10.0/Protocol.Benchmarks.dll --paired-tick-path [rounds]</c>.
/// </summary>
/// <remarks>
/// Why next to BenchmarkDotNet rather than instead: BenchmarkDotNet runs every iteration of one case before the next case, and
/// on the shared two-vCPU host the cost of a consumer's wake (most of a two-thread tick) changes with the host's state within
/// a run, so one run's ratio moved between 1.05 and 1.52 with nothing changed. Rounds of a few milliseconds, each holding all
/// the cases, see the same state, and the median of their ratios leaves the drift out; a run takes seconds, so two builds
/// can be alternated many times. Same setup, cases and consumers as the BenchmarkDotNet class (its methods are called).
/// The ratio still moves with the host's state between runs (1.15 in one state, 1.3-1.4 in another): compare builds in
/// alternating runs. Also printed: the producer's own loop per tick (the push, before the wait for the consumer) and how
/// often the consumer waited.
/// </remarks>
internal static class PairedTickPath
{
    public const string Switch = "--paired-tick-path";

    private static readonly (string Name, Func<TickPathBenchmarks, Task<long>> Run)[] Cases =
    [
        (nameof(TickPathBenchmarks.HandWrittenChannel), static b => b.HandWrittenChannel()),
        (nameof(TickPathBenchmarks.HandReadSubscription), static b => b.HandReadSubscription()),
        (nameof(TickPathBenchmarks.TwoStepFrames), static b => b.TwoStepFrames()),
    ];

    public static int Run(string[] args)
    {
        var rounds = 400;
        if (args.Length > 1 && (!int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out rounds) || rounds < 1))
        {
            Console.Error.WriteLine($"{Switch} [rounds]: rounds is a whole number of at least 1 (400 when left out), not '{args[1]}'.");
            return 2;
        }

        // About a second: the cases reach their optimized code (tiered compilation) before anything is counted.
        const int Warmup = 150;
        var benchmarks = new TickPathBenchmarks();
        benchmarks.Setup();
        try
        {
            var times = new double[Cases.Length][];
            var pushes = new double[Cases.Length][];
            var waits = new long[Cases.Length];
            for (var c = 0; c < Cases.Length; c++)
            {
                times[c] = new double[rounds];
                pushes[c] = new double[rounds];
            }

            for (var round = -Warmup; round < rounds; round++)
            {
                // A rotating order, so that no case always runs first (after a quiet consumer) or last in a round.
                for (var k = 0; k < Cases.Length; k++)
                {
                    var c = (round + Warmup + k) % Cases.Length;
                    var started = Stopwatch.GetTimestamp();
                    var consumer = Cases[c].Run(benchmarks);
                    var pushed = Stopwatch.GetElapsedTime(started);
                    consumer.GetAwaiter().GetResult();
                    var elapsed = Stopwatch.GetElapsedTime(started);
                    var (waited, _) = ConsumerWaits.Take();
                    if (round >= 0)
                    {
                        times[c][round] = elapsed.TotalNanoseconds / TickPathBenchmarks.Messages;
                        pushes[c][round] = pushed.TotalNanoseconds / TickPathBenchmarks.Messages;
                        waits[c] += waited;
                    }
                }
            }

            Report(times, pushes, waits);
        }
        finally
        {
            benchmarks.Cleanup();
        }

        return 0;
    }

    private static void Report(double[][] times, double[][] pushes, long[] waits)
    {
        var rounds = times[0].Length;
        Console.WriteLine($"// {nameof(PairedTickPath)}: {rounds:N0} rounds of {TickPathBenchmarks.Messages:N0} ticks per case");
        Console.WriteLine("| case | ns/tick (median) | ratio: median (p25-p75) | rounds at or under 1.3x | producer ns/tick | consumer waits per tick |");
        for (var c = 0; c < Cases.Length; c++)
        {
            var ratios = new double[rounds];
            for (var r = 0; r < rounds; r++)
            {
                ratios[r] = times[c][r] / times[0][r];
            }

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {Cases[c].Name} | {Quantile(times[c], 0.5):F1} | {Quantile(ratios, 0.5):F3} ({Quantile(ratios, 0.25):F3}-{Quantile(ratios, 0.75):F3}) | {ratios.Count(x => x <= 1.3)} of {rounds} | {Quantile(pushes[c], 0.5):F1} | {(double)waits[c] / rounds / TickPathBenchmarks.Messages:F3} |"));
        }
    }

    private static double Quantile(double[] values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Round(q * (sorted.Length - 1))];
    }
}
