using CsCheck;
using Shouldly;

namespace Protocol.Generators.Tests.Infrastructure;

/// <summary>
/// Runs a CsCheck property deterministically: one fixed seed, a fixed number of iterations, one thread. CsCheck's own Sample uses the
/// seed for the first iteration only and random streams after it, so CI would test different inputs on each run. On failure the message
/// names the failing iteration's seed (replay it with the environment variable <c>CsCheck_Seed</c>), then CsCheck shrinks from it.
/// </summary>
internal static class SeededProperty
{
    private const string ReplayVariable = "CsCheck_Seed";

    public static void Check<T>(Gen<T> gen, Action<T> invariant, string seed, int iterations, Func<T, string> print)
    {
        var replay = Environment.GetEnvironmentVariable(ReplayVariable);
        var pcg = PCG.Parse(string.IsNullOrWhiteSpace(replay) ? seed : replay);
        var count = string.IsNullOrWhiteSpace(replay) ? iterations : 1;
        for (var i = 0; i < count; i++)
        {
            var state = pcg.State;
            var input = gen.Generate(pcg, null, out _);
            try
            {
                invariant(input);
            }
            catch (Exception failure)
            {
                var failing = pcg.ToString(state);
                throw new ShouldAssertException(
                    $"Property failed at iteration {i} of {count} (run seed {seed}). Replay: {ReplayVariable}={failing}\nInput: {print(input)}\n{Shrink(gen, invariant, failing, print)}",
                    failure);
            }
        }
    }

    // Only on failure, so a green run stays deterministic: CsCheck starts from the failing seed and keeps the smallest failing input.
    private static string Shrink<T>(Gen<T> gen, Action<T> invariant, string failing, Func<T, string> print)
    {
        try
        {
            gen.Sample(invariant, seed: failing, iter: 2_000, threads: 1, print: print);
            return "(CsCheck did not reproduce it)";
        }
        catch (CsCheckException shrunk)
        {
            return "Smallest found by CsCheck: " + shrunk.Message;
        }
    }
}
