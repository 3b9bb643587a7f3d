namespace Protocol.Fuzzing;

/// <summary>Runs inputs through their targets in-process, without AFL, and lists every input that broke the invariant.</summary>
internal static class Replay
{
    public static int Run(IEnumerable<(IFuzzTarget Target, string Path)> sources, bool requireSeeds)
    {
        int runs = 0;
        var failures = new List<string>();
        var perTarget = new Dictionary<string, int>();
        foreach ((IFuzzTarget target, string path) in sources)
        {
            string[] files = File.Exists(path) ? [path]
                : Directory.Exists(path) ? [.. Directory.GetFiles(path).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal)]
                : [];
            foreach (string file in files)
            {
                runs++;
                perTarget[target.Name] = perTarget.GetValueOrDefault(target.Name) + 1;
                try
                {
                    target.Run(File.ReadAllBytes(file));
                }
                catch (Exception ex)
                {
                    // The first frame in our code says where the fix goes; the BCL's throw helpers above it do not.
                    string[] frames = ex.StackTrace?.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
                    string top = frames.FirstOrDefault(f => f.StartsWith("at Protocol.", StringComparison.Ordinal)) ?? frames.FirstOrDefault() ?? "";
                    failures.Add($"{target.Name}: {file}: {ex.GetType().FullName}: {ex.Message.ReplaceLineEndings(" ")} [{top}]");
                }
            }
        }

        foreach ((string name, int count) in perTarget.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"replay {name}: {count} input(s)");
        }

        (int messages, int wireTypes) = Targets.ReadersTarget.Counts;
        Console.WriteLine($"readers cover {messages} generated message type(s) and {wireTypes} readable type(s)");
        foreach (string failure in failures)
        {
            Console.WriteLine("BROKEN " + failure);
        }

        Console.WriteLine($"replay: {runs} input(s), {failures.Count} broke the invariant");
        if (requireSeeds && runs == 0)
        {
            Console.Error.WriteLine("replay: no input found; is the corpus folder right?");
            return 1;
        }

        return failures.Count == 0 ? 0 : 1;
    }
}
