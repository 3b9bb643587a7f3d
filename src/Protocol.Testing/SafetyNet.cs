using System.Runtime.CompilerServices;

namespace Protocol.Testing;

/// <summary>
/// A wall-clock limit beside a fake-clock timeout. On a <c>FakeTimeProvider</c> an operation's own timeout
/// (<c>WaitUntilReadyAsync(2 s)</c>, a command timeout) only fires when the test advances the clock, so a test whose
/// reply never comes would otherwise hang; wrapped in <see cref="WithSafetyNet(Task, TimeSpan?, string?)"/> it fails
/// within seconds with a message that says so. Every wait in the kit already has one.
/// </summary>
public static class SafetyNet
{
    /// <summary>The kit's real-time limit when none is given: 5 s, ample for in-memory work, short enough for a failing test.</summary>
    public static TimeSpan DefaultLimit { get; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The limit for a wait on real I/O: a loopback socket, a server started in-process, a child process. 20 s: on a CI
    /// machine whose few cores run every test assembly at once, a server's start or a loopback round trip has taken longer
    /// than <see cref="DefaultLimit"/>, which is sized for in-memory work. Either is a net against a hang, never a measure
    /// of speed: a test that passes only within it is still correct, and one that hangs still fails.
    /// </summary>
    public static TimeSpan NetworkLimit { get; } = TimeSpan.FromSeconds(20);

    /// <summary>Awaits <paramref name="task"/>, failing after <paramref name="limit"/> of real time.</summary>
    /// <param name="task">The operation.</param>
    /// <param name="limit">The real-time limit; <see cref="DefaultLimit"/> when null.</param>
    /// <param name="operation">Filled in by the compiler: the awaited expression, for the message.</param>
    /// <returns>The operation's completion (its own exceptions, including its own timeouts, pass through).</returns>
    /// <exception cref="SafetyNetTimeoutException">The operation had not finished when the limit passed.</exception>
    public static async Task WithSafetyNet(this Task task, TimeSpan? limit = null, [CallerArgumentExpression(nameof(task))] string? operation = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        await Guard(task, limit, operation).ConfigureAwait(false);
        await task.ConfigureAwait(false);
    }

    /// <summary>Awaits <paramref name="task"/>, failing after <paramref name="limit"/> of real time.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">The operation.</param>
    /// <param name="limit">The real-time limit; <see cref="DefaultLimit"/> when null.</param>
    /// <param name="operation">Filled in by the compiler: the awaited expression, for the message.</param>
    /// <returns>The operation's result (its own exceptions, including its own timeouts, pass through).</returns>
    /// <exception cref="SafetyNetTimeoutException">The operation had not finished when the limit passed.</exception>
    public static async Task<T> WithSafetyNet<T>(this Task<T> task, TimeSpan? limit = null, [CallerArgumentExpression(nameof(task))] string? operation = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        await Guard(task, limit, operation).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }

    /// <summary>Awaits <paramref name="task"/>, failing after <paramref name="limit"/> of real time.</summary>
    /// <param name="task">The operation.</param>
    /// <param name="limit">The real-time limit; <see cref="DefaultLimit"/> when null.</param>
    /// <param name="operation">Filled in by the compiler: the awaited expression, for the message.</param>
    /// <returns>The operation's completion.</returns>
    /// <exception cref="SafetyNetTimeoutException">The operation had not finished when the limit passed.</exception>
    public static Task WithSafetyNet(this ValueTask task, TimeSpan? limit = null, [CallerArgumentExpression(nameof(task))] string? operation = null)
        => task.AsTask().WithSafetyNet(limit, operation);

    /// <summary>Awaits <paramref name="task"/>, failing after <paramref name="limit"/> of real time.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">The operation.</param>
    /// <param name="limit">The real-time limit; <see cref="DefaultLimit"/> when null.</param>
    /// <param name="operation">Filled in by the compiler: the awaited expression, for the message.</param>
    /// <returns>The operation's result.</returns>
    /// <exception cref="SafetyNetTimeoutException">The operation had not finished when the limit passed.</exception>
    public static Task<T> WithSafetyNet<T>(this ValueTask<T> task, TimeSpan? limit = null, [CallerArgumentExpression(nameof(task))] string? operation = null)
        => task.AsTask().WithSafetyNet(limit, operation);

    // Waits for completion or the limit without observing the task's own outcome, so its exceptions pass through unchanged.
    private static async Task Guard(Task task, TimeSpan? limit, string? operation)
    {
        var wall = limit ?? DefaultLimit;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(wall, TimeSpan.Zero, nameof(limit));

        // WaitAsync's timer is disposed as soon as the task finishes; SuppressThrowing leaves the task's own outcome
        // to the caller's await.
        await task.WaitAsync(wall, TimeProvider.System).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!task.IsCompleted)
        {
            throw new SafetyNetTimeoutException(operation ?? "the operation", wall);
        }
    }
}
