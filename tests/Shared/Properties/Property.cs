using CsCheck;

namespace Protocol.Tests.Properties;

/// <summary>
/// Runs a CsCheck property a fixed number of times from a fixed seed, on one thread, so CI explores the same cases on
/// every run: CsCheck's own Sample uses its seed for the first case only and random ones after it. A failure names the
/// property's seed and the failing case's own seed, prints the case, and adds CsCheck's shrunk case when shrinking finds
/// a smaller one. Replay one case by setting the environment variable <c>CsCheck_Seed</c> to its seed and running the
/// test again (one iteration from that seed).
/// </summary>
/// <remarks>Linked into every test project that has property tests (tests/Shared), so there is one runner.</remarks>
internal static class Property
{
    private const string ReplayVariable = "CsCheck_Seed";

    // Shrinking only runs after a failure; bounded so a failing run still ends quickly.
    private const int ShrinkIterations = 2_000;

    public static void ForAll<T>(Gen<T> gen, string seed, int iterations, Action<T> property, Func<T, string>? print = null)
    {
        print ??= static value => Check.Print(value);
        var replay = Environment.GetEnvironmentVariable(ReplayVariable);
        var replaying = !string.IsNullOrWhiteSpace(replay);
        var pcg = PCG.Parse(replaying ? replay! : seed);
        var count = replaying ? 1 : iterations;
        for (var i = 0; i < count; i++)
        {
            var state = pcg.State;
            var value = gen.Generate(pcg, null, out _);
            try
            {
                property(value);
            }
            catch (Exception ex)
            {
                var caseSeed = pcg.ToString(state);
                throw new PropertyFailedException(
                    $"Property failed on case {i + 1} of {count} (property seed \"{seed}\"). Replay this case: {ReplayVariable}={caseSeed}\n" +
                    $"Case: {print(value)}\n{ex.GetType().Name}: {ex.Message}{Shrink(gen, caseSeed, property, print)}",
                    ex);
            }
        }
    }

    private static string Shrink<T>(Gen<T> gen, string caseSeed, Action<T> property, Func<T, string> print)
    {
        try
        {
            gen.Sample(property, seed: caseSeed, iter: ShrinkIterations, threads: 1, print: print);
            return "";
        }
        catch (CsCheckException shrunk)
        {
            return $"\nCsCheck shrank it to: {shrunk.Message}";
        }
    }
}
