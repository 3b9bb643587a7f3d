using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Protocol;

// The live clients behind the observable protocol.connection.state gauge. Why observed rather than recorded: a
// synchronous Gauge keeps exporting the last value it saw for a tag set, so a disposed client would linger forever, and
// every transition would pay for a measurement nobody collects. Observed, each collection reports exactly the clients
// alive now, one measurement per client under its own name/platform tags, and a transition is one volatile write.
// Two live clients given the same name and platform report two values under one tag set, which exporters merge: the
// name is the user's to keep unique (ClientOptions.Name says so).
internal static class ClientStateGauge
{
    private static readonly Lock Gate = new();
    private static readonly List<ClientTelemetry> Clients = [];

    public static void Register(ClientTelemetry client)
    {
        lock (Gate)
        {
            Clients.Add(client);
        }
    }

    public static void Unregister(ClientTelemetry client)
    {
        lock (Gate)
        {
            Clients.Remove(client);
        }
    }

    // Runs on the collector's schedule, not on a hot path: allocating the snapshot here is fine.
    public static IEnumerable<Measurement<int>> Observe()
    {
        ClientTelemetry[] clients;
        lock (Gate)
        {
            clients = [.. Clients];
        }

        var measurements = new Measurement<int>[clients.Length];
        for (var i = 0; i < clients.Length; i++)
        {
            var tags = new TagList();
            clients[i].AddClientTags(ref tags);
            measurements[i] = new Measurement<int>((int)clients[i].State, in tags);
        }

        return measurements;
    }
}
