using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Protocol.Core.Tests.Support;

// Listens to the Protocol meter and activity source, keeping only what one client (by its name tag) records, so tests
// running in parallel never see each other's measurements. Give every test client a unique name (UniqueName).
public sealed class TelemetryCapture : IDisposable
{
    private readonly HashSet<string> _clients;
    private readonly List<Measured> _measurements = [];
    private readonly List<Activity> _spans = [];
    private readonly List<(Func<Measured, bool> Match, TaskCompletionSource Seen)> _waiters = [];
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;

    public TelemetryCapture(params string[] clientNames)
    {
        _clients = new HashSet<string>(clientNames, StringComparer.Ordinal);
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ProtocolTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _meters.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _meters.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _meters.Start();
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ProtocolTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem(ProtocolTelemetry.ClientNameTag) is string name && _clients.Contains(name))
                {
                    lock (_spans)
                    {
                        _spans.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);
    }

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(64, prefix.Length + 33)];

    public IReadOnlyList<Measured> Measurements
    {
        get
        {
            lock (_measurements)
            {
                return [.. _measurements];
            }
        }
    }

    public IReadOnlyList<Activity> Spans
    {
        get
        {
            lock (_spans)
            {
                return [.. _spans];
            }
        }
    }

    public IEnumerable<Measured> Of(string instrument, string client)
        => Measurements.Where(m => m.Instrument == instrument && m.Client == client);

    // Completes once a measurement of this capture's clients matches (including one already recorded).
    public Task WaitForAsync(Func<Measured, bool> match)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_measurements)
        {
            if (_measurements.Any(match))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((match, seen));
        }

        return seen.Task;
    }

    // Observable instruments (the state gauge) report only when collected.
    public void Collect() => _meters.RecordObservableInstruments();

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // Filter first, in a method of its own: measurements of other tests' clients arrive here on their threads and must
        // cost them nothing (their allocation tests measure the recording thread; a closure would be allocated on entry).
        if (IsMine(tags))
        {
            Keep(instrument, value, tags);
        }
    }

    private void Keep(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value?.ToString();
        }

        var measured = new Measured(instrument.Name, value, copy[ProtocolTelemetry.ClientNameTag]!, copy);
        lock (_measurements)
        {
            _measurements.Add(measured);
            _waiters.RemoveAll(w => w.Match(measured) && w.Seen.TrySetResult());
        }
    }

    private bool IsMine(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == ProtocolTelemetry.ClientNameTag)
            {
                return tag.Value is string name && _clients.Contains(name);
            }
        }

        return false;
    }

    public sealed record Measured(string Instrument, double Value, string Client, IReadOnlyDictionary<string, string?> Tags);
}
