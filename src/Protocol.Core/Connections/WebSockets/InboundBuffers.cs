using System.Buffers;

namespace Protocol;

/// <summary>
/// Contiguous buffers for inbound data (a multi-segment message linearised for a span parser, a reassembled
/// attachment), always of the exact length needed, never grown. With an injected pool every buffer comes from it and
/// goes back to it. Without one, buffers up to <see cref="SharedPoolLimit"/> use <see cref="ArrayPool{T}.Shared"/> and
/// bigger ones are plain arrays left to the GC: a hostile server's 16 MiB messages must not stay parked in the
/// process-wide pool after the connection is gone.
/// </summary>
internal static class InboundBuffers
{
    public const int SharedPoolLimit = 1024 * 1024;

    public static byte[] Rent(ArrayPool<byte>? pool, int length)
    {
        if (pool is not null)
        {
            return pool.Rent(length);
        }

        return length <= SharedPoolLimit ? ArrayPool<byte>.Shared.Rent(length) : GC.AllocateUninitializedArray<byte>(length);
    }

    public static void Return(ArrayPool<byte>? pool, byte[] buffer)
    {
        if (pool is not null)
        {
            pool.Return(buffer);
        }
        else if (buffer.Length <= SharedPoolLimit && buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
