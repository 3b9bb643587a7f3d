using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Protocol.Interop.Tests.Fixture;

/// <summary>
/// One `node peer/server.js` process (the real socket.io 4.8.4 server) on 127.0.0.1 and a free port. It exits when
/// its stdin closes, so it dies with the test run even if disposal never happens.
/// </summary>
public sealed class PeerServer : IAsyncDisposable
{
    private const int SigStop = 19;
    private const int SigCont = 18;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly Process _process;

    private PeerServer(Process process, int port)
    {
        _process = process;
        Port = port;
        Uri = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>The port the server chose.</summary>
    public int Port { get; }

    /// <summary>The server's address (http; the client maps it to ws).</summary>
    public Uri Uri { get; }

    /// <summary>Whether the node process is still running.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>Starts a server and waits until it listens.</summary>
    public static async Task<PeerServer> StartAsync(int pingIntervalMs = 25000, int pingTimeoutMs = 20000)
    {
        var peerDir = FindPeerDirectory();
        var script = Path.Combine(peerDir, "server.js");
        File.Exists(script).ShouldBeTrue($"The socket.io peer script is missing: {script}.");
        Directory.Exists(Path.Combine(peerDir, "node_modules", "socket.io")).ShouldBeTrue(
            $"The socket.io peer is not installed: run `npm ci` in {peerDir} (the build does it when npm is on PATH).");

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = peerDir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.Environment["PING_INTERVAL"] = pingIntervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PING_TIMEOUT"] = pingTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null for node.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("Cannot start `node`: install Node.js 20+ and put it on PATH to run the interop tests.", ex);
        }

        try
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    var error = await process.StandardError.ReadToEndAsync(timeout.Token);
                    throw new InvalidOperationException($"The socket.io peer exited before listening. stderr: {error}");
                }

                if (line.StartsWith("LISTENING ", StringComparison.Ordinal))
                {
                    var port = int.Parse(line.AsSpan("LISTENING ".Length), System.Globalization.CultureInfo.InvariantCulture);
                    DrainInBackground(process);
                    return new PeerServer(process, port);
                }
            }
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Kills the node process at once (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(StopTimeout);
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Freezes the node process (SIGSTOP): the TCP connection stays up but nothing is sent, not even pings.</summary>
    public void Freeze() => Signal(SigStop);

    /// <summary>Resumes a frozen process (SIGCONT).</summary>
    public void Thaw() => Signal(SigCont);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Signal(SigCont);
            try
            {
                // Closing stdin is the server's cue to stop.
                _process.StandardInput.Close();
                using var timeout = new CancellationTokenSource(StopTimeout);
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private void Signal(int signal)
    {
        if (!_process.HasExited && Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    private static void DrainInBackground(Process process)
    {
        // Unread pipes fill up and would block the server; keep them flowing.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
    }

    private static string FindPeerDirectory()
    {
        var configured = typeof(PeerServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "PeerDir")?.Value;
        if (configured is not null && Directory.Exists(configured))
        {
            return configured;
        }

        throw new InvalidOperationException($"Cannot find the socket.io peer directory (expected tests/Protocol.Interop.Tests/peer, configured as '{configured}').");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in the test project for one syscall.
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
