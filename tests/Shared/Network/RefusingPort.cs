using System.Net;
using System.Net.Sockets;

namespace Protocol.Tests.Network;

/// <summary>A loopback port that nobody listens on: bound by the OS, noted, then released, so a connect is refused at once.</summary>
internal static class RefusingPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
