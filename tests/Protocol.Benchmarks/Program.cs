using BenchmarkDotNet.Running;

// Run: dotnet run -c Release --project tests/Protocol.Benchmarks -- --filter '*'
// Every benchmark class keeps its baseline in the same run, so results are read as ratios.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
