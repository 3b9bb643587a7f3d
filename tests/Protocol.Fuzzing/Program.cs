using Protocol.Fuzzing;
using Protocol.Fuzzing.Targets;
using SharpFuzz;

// Usage (README "Fuzzing"; .ci/fuzz drives all of it):
//   dotnet Protocol.Fuzzing.dll <target>                       one AFL campaign's fork server (reads stdin otherwise)
//   dotnet Protocol.Fuzzing.dll replay <corpus-dir> [target..]  every <corpus-dir>/<target>/{seeds,crashes}/* in-process
//   dotnet Protocol.Fuzzing.dll check <target> <file|dir>..     the same for given inputs (e.g. AFL's crashes in .fuzz/crashes)
// Factories, not instances: instrumented code must not run before the fork server has mapped AFL's shared memory.
(string Name, Func<IFuzzTarget> Create)[] targets =
[
    ("decoder", () => new DecoderTarget()),
    ("assembler", () => new AssemblerTarget()),
    ("readers", () => new ReadersTarget()),
    ("handshake", () => new HandshakeTarget()),
];

if (args.Length == 0)
{
    return Usage();
}

switch (args[0])
{
    case "replay" when args.Length >= 2:
        {
            IFuzzTarget[] chosen = [.. (args.Length > 2 ? args.Skip(2) : targets.Select(t => t.Name)).Select(name => Find(name)())];
            var inputs = chosen.SelectMany(t => new[] { "seeds", "crashes" }.Select(folder => (t, Path.Combine(args[1], t.Name, folder))));
            return Replay.Run(inputs, requireSeeds: true);
        }

    case "check" when args.Length >= 3:
        {
            IFuzzTarget target = Find(args[1])();
            return Replay.Run(args.Skip(2).Select(path => (target, path)), requireSeeds: false);
        }

    default:
        {
            if (args.Length != 1)
            {
                return Usage();
            }

            Func<IFuzzTarget> create = Find(args[0]);
            IFuzzTarget? target = null;
            byte[] buffer = new byte[1 << 20];

            // The fork server runs the target in a child process that survives timeouts and uncatchable crashes; any
            // exception that escapes the target is reported to afl-fuzz as a crash.
            Fuzzer.OutOfProcess.Run(stream =>
            {
                int length = 0;
                int read;
                while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
                {
                    length += read;
                }

                target ??= create();
                target.Run(buffer.AsSpan(0, length));
            });
            return 0;
        }
}

Func<IFuzzTarget> Find(string name) =>
    targets.FirstOrDefault(t => t.Name == name).Create ?? throw new ArgumentException($"Unknown target '{name}'; targets: {string.Join(", ", targets.Select(t => t.Name))}.");

int Usage()
{
    Console.Error.WriteLine("usage: Protocol.Fuzzing <target> | replay <corpus-dir> [target...] | check <target> <file|dir>...");
    Console.Error.WriteLine("targets: " + string.Join(", ", targets.Select(t => t.Name)));
    return 2;
}
