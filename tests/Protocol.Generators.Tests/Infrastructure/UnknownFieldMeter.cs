using System.Diagnostics.Metrics;

namespace Protocol.Generators.Tests.Infrastructure;

/// <summary>
/// Listens to <c>protocol.unknown_fields</c> and keeps what the named clients record, by (message, field) tag pair, so tests running
/// in parallel never see each other's counts. Measurements of other clients are filtered before anything is allocated.
/// </summary>
internal sealed class UnknownFieldMeter : IDisposable
{
    private const string Instrument = "protocol.unknown_fields";
    private readonly HashSet<string> _clients;
    private readonly List<(string Client, string Message, string Field, long Value)> _seen = [];
    private readonly MeterListener _listener = new();

    public UnknownFieldMeter(params string[] clients)
    {
        _clients = new HashSet<string>(clients, StringComparer.Ordinal);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ProtocolTelemetry.Name && instrument.Name == Instrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Record(value, tags));
        _listener.Start();
    }

    /// <summary>The summed count of one client's (message, field) pair.</summary>
    public long Count(string client, string message, string field)
    {
        lock (_seen)
        {
            return _seen.Where(s => s.Client == client && s.Message == message && s.Field == field).Sum(s => s.Value);
        }
    }

    /// <summary>The distinct field tag values one client reported for a message.</summary>
    public IReadOnlyList<string> Fields(string client, string message)
    {
        lock (_seen)
        {
            return [.. _seen.Where(s => s.Client == client && s.Message == message).Select(s => s.Field).Distinct()];
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? client = null, message = null, field = null;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case ProtocolTelemetry.ClientNameTag:
                    client = tag.Value as string;
                    break;
                case ProtocolTelemetry.MessageNameTag:
                    message = tag.Value as string;
                    break;
                case ProtocolTelemetry.FieldNameTag:
                    field = tag.Value as string;
                    break;
            }
        }

        if (client is null || !_clients.Contains(client))
        {
            return;
        }

        lock (_seen)
        {
            _seen.Add((client, message!, field!, value));
        }
    }
}
