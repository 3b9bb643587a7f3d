using ExpertOption.Quickstart;

// Ctrl+C stops the run cleanly (the client and the simulator are disposed) instead of killing the process.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

return await Quickstart.RunAsync(Console.Out, Environment.GetEnvironmentVariable, stop.Token);
