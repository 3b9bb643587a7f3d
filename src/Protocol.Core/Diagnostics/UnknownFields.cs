using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Protocol;

// One client's count of unknown fields: properties a declared message carried that its declaration does not have (protocol
// drift: a field added or renamed). Counted per (message, field) pair on protocol.unknown_fields and logged on the 1st, 2nd,
// 4th, 8th… sighting of each pair, like unknown events, so drift is visible without flooding the log from the receive path.
//
// Field names come from the wire, so they are capped twice: the first WireNameTagLimit distinct names are kept (WireNameTags,
// longer names are "other"), and so are the first WireNameTagLimit distinct pairs; a later pair is counted as the message's
// (message, "other"). A hostile server therefore cannot create more than the limit plus one series per declared message,
// and message names come from declarations, not the wire. Only names are ever logged or tagged: never a value.
internal sealed class UnknownFields
{
    private readonly ClientTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly WireNameTags _fieldNames;
    private readonly ConcurrentDictionary<(string Message, string Field), Pair> _pairs = new();
    private readonly int _limit;
    private readonly Lock _gate = new();
    private int _pairCount;

    public UnknownFields(ClientTelemetry telemetry, ILogger logger, int limit = ProtocolTelemetry.WireNameTagLimit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        _telemetry = telemetry;
        _logger = logger;
        _limit = limit;
        _fieldNames = new WireNameTags(limit);
    }

    // The scope a dispatcher sets around its typed read; built once per message type when the client is built.
    public UnknownFieldScope ScopeFor(string message) => new(this, message);

    // How many times `message` carried the (capped) field name `field`; "other" for the pairs past the cap.
    public long Count(string message, string field)
        => _pairs.TryGetValue((message, field), out var pair) ? Interlocked.Read(ref pair.Count) : 0;

    public void Record(string message, ReadOnlySpan<byte> field) => Record(message, _fieldNames.Get(field));

    public void Record(string message, string field)
    {
        var pair = Find(message, field);
        var count = Interlocked.Increment(ref pair.Count);
        _telemetry.UnknownField(pair.MessageTag, pair.FieldTag);
        if ((count & (count - 1)) == 0)
        {
            RuntimeLog.UnknownField(_logger, pair.Message, pair.Field, count);
        }
    }

    // A known pair, and every pair once the cap is reached, is found without the lock and without allocating; only the first
    // sighting of a pair (at most the limit, plus one "other" pair per message) takes the lock and allocates.
    private Pair Find(string message, string field)
    {
        if (_pairs.TryGetValue((message, field), out var pair))
        {
            return pair;
        }

        if (Volatile.Read(ref _pairCount) >= _limit && _pairs.TryGetValue((message, ProtocolTelemetry.OtherTagValue), out pair))
        {
            return pair;
        }

        lock (_gate)
        {
            if (_pairs.TryGetValue((message, field), out pair))
            {
                return pair;
            }

            if (_pairCount >= _limit)
            {
                field = ProtocolTelemetry.OtherTagValue;
                if (_pairs.TryGetValue((message, field), out pair))
                {
                    return pair;
                }
            }
            else
            {
                Volatile.Write(ref _pairCount, _pairCount + 1);
            }

            pair = new Pair(message, field);
            _pairs[(message, field)] = pair;
            return pair;
        }
    }

    // Tag pairs built once per (message, field), so recording a sighting builds nothing.
    private sealed class Pair(string message, string fieldName)
    {
        public readonly KeyValuePair<string, object?> MessageTag = new(ProtocolTelemetry.MessageNameTag, message);
        public readonly KeyValuePair<string, object?> FieldTag = new(ProtocolTelemetry.FieldNameTag, fieldName);
        public long Count;

        public string Message => message;

        public string Field => fieldName;
    }
}
