using System.ComponentModel;
using System.Text.Json;

namespace Protocol.Infrastructure;

/// <summary>
/// The hook generated object readers call for a property their declaration does not have, so protocol drift (a field the
/// platform added or renamed) is counted and logged per client. It does something only while the client runs the read on
/// its receive path; a reader called directly (a test, a user's own code) reports nothing.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class UnknownMembers
{
    // An escaped name is at most 6 bytes (\uXXXX) per unescaped byte; one longer than this is past the tag cap anyway.
    private const int MaxEscapedBytes = WireNameTags.MaxNameBytes * 6;

    // The generated readers are static and know no client: the runtime names the client (and the message being read) for
    // the duration of one typed read on this thread. Thread-static rather than passed in, so the readers' signatures and
    // their known-property path stay as they are.
    [ThreadStatic]
    private static UnknownFieldScope? t_scope;

    /// <summary>Reports the property the reader is on as unknown to the message being read. Never throws.</summary>
    /// <param name="reader">A reader on a <see cref="JsonTokenType.PropertyName"/> token; it is not moved.</param>
    public static void Report(ref Utf8JsonReader reader)
    {
        var scope = t_scope;
        if (scope is null || reader.TokenType != JsonTokenType.PropertyName)
        {
            return;
        }

        try
        {
            if (!reader.ValueIsEscaped && !reader.HasValueSequence)
            {
                scope.Record(reader.ValueSpan);
                return;
            }

            var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
            if (length > MaxEscapedBytes)
            {
                scope.RecordOverlong();
                return;
            }

            Span<byte> name = stackalloc byte[MaxEscapedBytes];
            var written = reader.CopyString(name);
            scope.Record(name[..written]);
        }
        catch (Exception)
        {
            // Counting is a diagnostic: a throwing logger or listener must not make a readable message unreadable (the
            // generated reader only expects JsonException, and would let this one escape the receive path).
        }
    }

    // Around one typed read on the receive path. No allocation: the scope is built with the dispatcher; this is a
    // thread-static write, and Exit restores what was there (a read nested in another client's callback keeps its own).
    internal static UnknownFieldScope? Enter(UnknownFieldScope? scope)
    {
        var previous = t_scope;
        t_scope = scope;
        return previous;
    }

    internal static void Exit(UnknownFieldScope? previous) => t_scope = previous;
}
