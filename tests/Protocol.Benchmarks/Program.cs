using BenchmarkDotNet.Running;

// Run one class at a time: dotnet run -c Release --project tests/Protocol.Benchmarks -- --filter '*TickPath*' --job short
// (README.md beside this file lists the classes, how they wait and how to read their Allocated column).
// Every benchmark class keeps its baseline in the same run, so results are read as ratios.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
