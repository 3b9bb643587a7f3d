namespace Protocol;

// One declared message type of one client, prepared when the client is built: what the generated readers' unknown-property
// hook (Protocol.Infrastructure.UnknownMembers) reports against while that message is read. The owner of a field is the
// message, whatever depth the property was at (a nested [WireType] row is part of the message it arrived in).
internal sealed class UnknownFieldScope(UnknownFields fields, string message)
{
    public string Message { get; } = message;

    public void Record(ReadOnlySpan<byte> field) => fields.Record(Message, field);

    public void RecordOverlong() => fields.Record(Message, ProtocolTelemetry.OtherTagValue);
}
