using System.Runtime.InteropServices;
using Protocol.PocketOption.Simulator.Host;

// Ctrl+C (SIGINT) and SIGTERM stop the simulator cleanly: every session is closed before the process exits.
using var stop = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await SimulatorHost.RunAsync(args, Console.Out, Console.Error, stop.Token);

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
