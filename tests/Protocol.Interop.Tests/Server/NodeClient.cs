using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Protocol.Interop.Tests.Server;

/// <summary>Runs one case of <c>peer/client.js</c> (the official socket.io-client 4.8.4) against a server and returns its result.</summary>
internal static class NodeClient
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static async Task<JsonElement> RunAsync(Uri server, string testCase)
    {
        var peerDir = typeof(NodeClient).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "PeerDir").Value!;
        Directory.Exists(Path.Combine(peerDir, "node_modules", "socket.io-client")).ShouldBeTrue(
            $"socket.io-client is not installed: run `npm ci` in {peerDir} (the build does it when npm is on PATH).");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = peerDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(peerDir, "client.js"));
        start.ArgumentList.Add(server.ToString());
        start.ArgumentList.Add(testCase);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null for node.");
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var result = lines.FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
            result.ShouldNotBeNull($"socket.io-client case '{testCase}' failed (exit {process.ExitCode}): {string.Join(" | ", lines)} {await errors}");
            return JsonDocument.Parse(result["RESULT ".Length..]).RootElement.Clone();
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"socket.io-client case '{testCase}' did not end within {Limit}.");
        }
    }
}
