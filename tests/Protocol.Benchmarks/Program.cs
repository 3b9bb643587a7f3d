using BenchmarkDotNet.Running;

// Run one class at a time: dotnet run -c Release --project tests/Protocol.Benchmarks -- --filter '*TickPath*' --job short
// (README.md beside this file lists the classes, how they wait and how to read their Allocated column).
// Every benchmark class keeps its baseline in the same run, so results are read as ratios.
// --paired-tick-path [rounds]: the two-thread tick cases in adjacent pairs (Runtime/PairedTickPath.cs).
if (args is [Protocol.Benchmarks.Runtime.PairedTickPath.Switch, ..])
{
    return Protocol.Benchmarks.Runtime.PairedTickPath.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
