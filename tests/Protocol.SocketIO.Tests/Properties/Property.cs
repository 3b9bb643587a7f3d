using CsCheck;

namespace Protocol.SocketIO.Tests.Properties;

/// <summary>
/// Runs a property a fixed number of times from a fixed seed, so CI explores the same cases on every run. CsCheck's own
/// Sample uses its seed only for the first case and random ones after it; here every case comes from one PCG stream.
/// A failure names the property's seed and the failing case's own seed (replay it with <see cref="Replay"/>, or with
/// CsCheck: <c>gen.Sample(property, seed: "...", iter: 1)</c>), prints the case, and adds CsCheck's shrunk case when
/// shrinking finds a smaller one.
/// </summary>
internal static class Property
{
    // Shrinking only runs after a failure; bounded so a failing run still ends quickly.
    private const int ShrinkIterations = 2_000;

    public static void ForAll<T>(Gen<T> gen, string seed, int iterations, Action<T> property, Func<T, string>? print = null)
    {
        print ??= static value => Check.Print(value);
        var pcg = PCG.Parse(seed);
        for (var i = 0; i < iterations; i++)
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
                    $"Property failed on case {i + 1} of {iterations} (property seed \"{seed}\"). Replay this case with seed \"{caseSeed}\": " +
                    $"Property.Replay(gen, \"{caseSeed}\", property), or gen.Sample(property, seed: \"{caseSeed}\", iter: 1).\n" +
                    $"Case: {print(value)}\n{ex.GetType().Name}: {ex.Message}{Shrink(gen, caseSeed, property, print)}",
                    ex);
            }
        }
    }

    /// <summary>Runs the property on the one case a failure message named.</summary>
    public static void Replay<T>(Gen<T> gen, string caseSeed, Action<T> property) =>
        property(gen.Generate(PCG.Parse(caseSeed), null, out _));

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
