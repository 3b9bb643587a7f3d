using System.Text.Json;

namespace Protocol.SocketIO;

/// <summary>
/// Writes JSON into the encoder's reusable <see cref="Utf8JsonWriter"/>. For events and acks the writer is inside the
/// packet's array (after the event name): write each argument as a value. For CONNECT the writer is inside the auth
/// object: write properties. Pass a static lambda and the state explicitly so nothing is captured or allocated.
/// </summary>
/// <typeparam name="TState">The caller's state (the message to serialize).</typeparam>
/// <param name="writer">The writer to write into; do not close the enclosing array/object.</param>
/// <param name="state">The caller's state.</param>
public delegate void SocketIOJsonWriterCallback<in TState>(Utf8JsonWriter writer, TState state);
