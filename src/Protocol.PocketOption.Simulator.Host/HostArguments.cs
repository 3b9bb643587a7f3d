using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Protocol.PocketOption.Simulator.Host;

/// <summary>
/// The host's command line: <c>--port N</c> (0, the default, takes a free port), <c>--demo-balance N</c>,
/// <c>--speed N</c> (the clock runs N times faster than real time), <c>--seed N</c>. Read with ASP.NET Core's command-line
/// configuration provider (<c>--name value</c> or <c>--name=value</c>); anything else is refused.
/// </summary>
/// <param name="Port">The port on 127.0.0.1; 0 takes a free one.</param>
/// <param name="DemoBalance">The balance a demo account starts with, or null for the simulator's default.</param>
/// <param name="Speed">How many simulated seconds pass per real second (1: real time).</param>
/// <param name="Seed">Chooses the market, or null for the simulator's default.</param>
public sealed record HostArguments(int Port, decimal? DemoBalance, double Speed, ulong? Seed)
{
    /// <summary>What <c>--help</c> prints.</summary>
    public const string Usage = """
        Usage: dotnet run --project src/Protocol.PocketOption.Simulator.Host -- [--port N] [--demo-balance N] [--speed N] [--seed N]
          --port N           the port on 127.0.0.1 (0, the default, takes a free port)
          --demo-balance N   the balance a demo account starts with (default 50000)
          --speed N          run the simulator's clock N times faster than real time (default 1)
          --seed N           choose the market: the same seed gives the same prices
        """;

    private static readonly string[] Known = ["port", "demo-balance", "speed", "seed"];

    /// <summary>Whether the command line asks for the usage text.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>True for <c>--help</c>, <c>-h</c> or <c>-?</c>.</returns>
    public static bool WantsHelp(IEnumerable<string> args) => args.Any(a => a is "--help" or "-h" or "-?");

    /// <summary>Reads the command line.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The arguments.</returns>
    /// <exception cref="HostArgumentException">An argument is unknown, has no value, or its value is not valid.</exception>
    public static HostArguments Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        IConfiguration configuration;
        try
        {
            configuration = new ConfigurationBuilder().AddCommandLine(args).Build();
        }
        catch (FormatException error)
        {
            throw new HostArgumentException($"The command line cannot be read ({error.Message}). Pass options as --name value.", error);
        }

        var unknown = configuration.AsEnumerable().Select(p => p.Key).Where(k => !Known.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw new HostArgumentException($"Unknown option(s): {string.Join(", ", unknown.Select(k => "--" + k))}. Known: --port, --demo-balance, --speed, --seed.");
        }

        var port = Read(configuration, "port", 0, s => (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 65535, p), "a port number from 0 (a free port) to 65535");
        var balance = Read<decimal?>(configuration, "demo-balance", null, s => (decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var b) && b >= 0, b), "an amount of 0 or more, e.g. 10000");
        var speed = Read(configuration, "speed", 1.0, s => (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v > 0, v), "a number above 0, e.g. 60 for a minute per second");
        var seed = Read<ulong?>(configuration, "seed", null, s => (ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v), v), "a whole number of 0 or more");
        return new HostArguments(port, balance, speed, seed);
    }

    private static T Read<T>(IConfiguration configuration, string name, T fallback, Func<string, (bool Ok, T Value)> parse, string expected)
    {
        var text = configuration[name];
        if (text is null)
        {
            return fallback;
        }

        var (ok, value) = parse(text.Trim());
        return ok ? value : throw new HostArgumentException($"--{name} '{text}' is not valid: pass {expected}.");
    }
}
