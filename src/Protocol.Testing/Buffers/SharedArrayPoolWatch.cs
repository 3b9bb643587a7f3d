using System.Buffers;
using System.Diagnostics.Tracing;

namespace Protocol.Testing.Buffers;

/// <summary>
/// Watches <see cref="ArrayPool{T}.Shared"/> (through the runtime's <c>System.Buffers.ArrayPoolEventSource</c>) for
/// arrays of more than <see cref="Threshold"/> bytes given back to it while the watch is alive: a big buffer returned
/// there stays parked in the process-wide pool long after the connection that used it is gone.
/// </summary>
/// <remarks>
/// The events come from every thread of the process, and enabling them makes every rent and return of every
/// <see cref="ArrayPool{T}"/> write an event (which allocates). Use it in tests that do not run in parallel with others
/// (an xUnit collection with <c>DisableParallelization = true</c>), so neither side disturbs the other.
/// </remarks>
public sealed class SharedArrayPoolWatch : EventListener
{
    private const string SourceName = "System.Buffers.ArrayPoolEventSource";
    private const int BufferReturnedEventId = 3;

    // EventListener's constructor can enable sources before this class's fields are set: everything read in
    // OnEventWritten is static or tolerant of that.
    private static readonly int SharedPoolId = ArrayPool<byte>.Shared.GetHashCode();
    private long _largeReturns;
    private long _largestReturned;

    /// <summary>Starts watching.</summary>
    public SharedArrayPoolWatch()
    {
    }

    /// <summary>The size above which a return is counted: 1 MiB.</summary>
    public static int Threshold => 1024 * 1024;

    /// <summary>How many arrays over <see cref="Threshold"/> went back to the shared pool since the watch started.</summary>
    public long LargeReturns => Interlocked.Read(ref _largeReturns);

    /// <summary>The largest array returned to the shared pool since the watch started, in bytes.</summary>
    public long LargestReturned => Interlocked.Read(ref _largestReturned);

    /// <inheritdoc />
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == SourceName)
        {
            EnableEvents(eventSource, EventLevel.Verbose);
        }
    }

    /// <inheritdoc />
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        // BufferReturned(bufferId, bufferSize, poolId).
        if (eventData.EventId != BufferReturnedEventId || eventData.Payload is not { Count: >= 3 } payload
            || payload[1] is not int size || payload[2] is not int poolId || poolId != SharedPoolId)
        {
            return;
        }

        long largest;
        while (size > (largest = Interlocked.Read(ref _largestReturned)) && Interlocked.CompareExchange(ref _largestReturned, size, largest) != largest)
        {
        }

        if (size > Threshold)
        {
            Interlocked.Increment(ref _largeReturns);
        }
    }
}
