using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Protocol.Infrastructure;
using Protocol.Testing.Connections;
using Protocol.Testing.Envelopes;

namespace Protocol.Testing.Scripts;

/// <summary>
/// An exchange written the way a capture reads, one frame per line, replayed against a <see cref="FakeConnection"/>:
/// <code>
/// # comment
/// &gt; 42["auth",{"session":"…"}]                  the client must send this next
/// &lt; 451-["successauth",{"_placeholder":true,"num":0}]   the server sends a two-step message: its header…
/// &lt; b64:eyJpZCI6MX0=                            …and its attachment (bin: 7b 22 69 … as hex works too)
/// &lt; 42["successupdateBalance",{"balance":5}]    a one-step message
/// = {"balance":5}                               the next typed update the test observes, as JSON
/// </code>
/// Incoming frames go through the transport's <see cref="FakeEnvelope"/>; a frame it cannot decode fails the script
/// at its line with the reason. Outgoing frames compare as JSON after an equal non-JSON prefix (<c>42</c>), so
/// whitespace and property order do not matter; binary lines after an outgoing header are its attachments, in order.
/// The script fails if it ends while a pushed header still waits for attachments, or while the client has sent
/// something no line expects. Every wait has a real-time safety net, so a broken script fails instead of hanging.
/// </summary>
public sealed class ScriptedExchange
{
    private const string HexPrefix = "bin:";
    private const string Base64Prefix = "b64:";

    private readonly RecordingReplayOptions? _replay;

    private ScriptedExchange(IReadOnlyList<ScriptStep> steps, RecordingReplayOptions? replay = null)
    {
        Steps = steps;
        _replay = replay;
    }

    /// <summary>The steps, in order.</summary>
    public IReadOnlyList<ScriptStep> Steps { get; }

    /// <summary>Parses a script.</summary>
    /// <param name="script">The script text.</param>
    /// <exception cref="FormatException">A line does not start with <c>&gt;</c>, <c>&lt;</c>, <c>=</c> or <c>#</c>, or a binary line is not valid hex or base64.</exception>
    public static ScriptedExchange Parse(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var steps = new List<ScriptStep>();
        var lines = script.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (ParseLine(lines[i].Trim(), i + 1, "Script") is { } step)
            {
                steps.Add(step);
            }
        }

        return new ScriptedExchange(steps);
    }

    /// <summary>
    /// Loads one session of a <see cref="FrameRecorder"/> recording as a script. Replaying it is looser than a written
    /// script, because a client makes some values up per run: a sent frame matches its recorded line by event name (and
    /// its attachment count), the client's correlation values (<see cref="RecordingReplayOptions.CorrelationKeys"/>) are
    /// paired with the recorded ones by position and put into the recorded answers, and
    /// <see cref="RecordingReplayOptions.IgnoredEvents"/> are skipped on both sides. Redacted secrets arrive as the
    /// string <c>"[redacted]"</c>.
    /// </summary>
    /// <param name="recording">The recording's text.</param>
    /// <param name="options">Which session, which correlation keys, which events to ignore.</param>
    /// <returns>The session as a script.</returns>
    /// <exception cref="FormatException">The session is not in the recording, or a line is malformed; the message says which.</exception>
    public static ScriptedExchange FromRecording(string recording, RecordingReplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(recording);
        options ??= new RecordingReplayOptions();
        var lines = recording.Split('\n');
        var steps = new List<ScriptStep>();
        var sessions = 0;
        var inSession = false;
        var skippingAttachments = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("# session ", StringComparison.Ordinal))
            {
                var ended = line.Contains(" ended", StringComparison.Ordinal);
                sessions += ended ? 0 : 1;
                inSession = !ended && sessions == options.Session;
                continue;
            }

            if (!inSession || ParseLine(line, i + 1, "Recording") is not { } step)
            {
                continue;
            }

            if (step.Direction == ScriptDirection.Update)
            {
                throw new FormatException($"Recording line {i + 1} must start with '>', '<' or '#': {line}");
            }

            if (step.Direction == ScriptDirection.Outgoing)
            {
                // A sent header of an ignored event goes, and so do the attachment lines right after it. The event name is
                // the first element of a Socket.IO array or a JSON action's "action".
                if (!step.IsBinary)
                {
                    skippingAttachments = ScriptCorrelation.EventName(step.Text, "action") is { } name && options.IgnoredEvents.Contains(name);
                }

                if (skippingAttachments)
                {
                    continue;
                }
            }
            else
            {
                skippingAttachments = false;
            }

            steps.Add(step);
        }

        if (options.Session < 1 || options.Session > sessions)
        {
            throw new FormatException($"The recording has {sessions} session(s); RecordingReplayOptions.Session is {options.Session}. Pick one from 1 to {sessions}.");
        }

        return new ScriptedExchange(steps, options);
    }

    /// <summary>Replays the script.</summary>
    /// <param name="connection">The connected fake connection.</param>
    /// <param name="nextUpdate">Returns the next typed update the client produced, rendered as JSON; required if the script has <c>=</c> lines.</param>
    /// <param name="stepTimeout">A real-time safety net per step; <see cref="SafetyNet.DefaultLimit"/> by default.</param>
    /// <param name="cancellationToken">Abandons the replay.</param>
    /// <exception cref="ScriptMismatchException">A step did not go as written; the message names the line and what happened.</exception>
    public async Task RunAsync(FakeConnection connection, Func<CancellationToken, Task<string>>? nextUpdate = null, TimeSpan? stepTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var timeout = stepTimeout ?? SafetyNet.DefaultLimit;
        var attachments = new SentAttachments();
        var correlation = _replay is null ? null : new ScriptCorrelation(_replay.CorrelationKeys.ToHashSet(StringComparer.Ordinal));
        ScriptStep? waitingHeader = null;
        foreach (var step in Steps)
        {
            if (step.Direction == ScriptDirection.Outgoing && step.IsBinary && attachments.TryTake(out var attachment))
            {
                // A replayed recording checks the attachment count only: attachments may carry per-run values.
                if (correlation is null && !attachment.AsSpan().SequenceEqual(step.Binary))
                {
                    throw new ScriptMismatchException(step, $"attachment {attachments.Taken - 1} of the message sent at line {attachments.HeaderLine} is {Hex(attachment)}");
                }

                continue;
            }

            attachments.EnsureAllTaken(step);
            switch (step.Direction)
            {
                case ScriptDirection.Incoming:
                    Push(connection, correlation is null ? step : step with { Text = correlation.Apply(step.Text), Binary = step.Binary is { } b ? correlation.Apply(b) : null });
                    waitingHeader = connection.PendingAttachmentCount > 0 && !step.IsBinary ? step : waitingHeader;
                    break;
                case ScriptDirection.Outgoing:
                    var sent = await NextSentAsync(connection, step, timeout, cancellationToken).ConfigureAwait(false);
                    if (correlation is null)
                    {
                        Compare(step, sent);
                    }
                    else
                    {
                        while (IsIgnored(connection, sent))
                        {
                            sent = await NextSentAsync(connection, step, timeout, cancellationToken).ConfigureAwait(false);
                        }

                        CompareByName(connection, step, sent);
                        correlation.Learn(step.Text, sent.Text);
                    }

                    attachments.Start(step, sent);
                    break;
                case ScriptDirection.Update:
                    await CompareUpdateAsync(step, nextUpdate, timeout, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        if (Steps.Count == 0)
        {
            return;
        }

        var last = Steps[^1];
        attachments.EnsureAllTaken(last);
        if (connection.PendingAttachmentCount > 0)
        {
            throw new ScriptMismatchException(waitingHeader ?? last, $"the script ended while this binary header still waits for {connection.PendingAttachmentCount} attachment(s); add a '< bin:' or '< b64:' line for each");
        }

        SentMessage? extra = null;
        while (connection.TryTakeSent(out var more))
        {
            if (!IsIgnored(connection, more))
            {
                extra = more;
                break;
            }
        }

        if (extra is not null)
        {
            throw new ScriptMismatchException(last, $"the script ends here, but the client also sent {Show(extra)}, which no line expects");
        }
    }

    /// <summary>Compares two frames: same non-JSON prefix and equal JSON, or identical text.</summary>
    /// <param name="expected">The scripted frame.</param>
    /// <param name="actual">The observed frame.</param>
    /// <returns>True when they are the same frame.</returns>
    public static bool FramesEqual(string expected, string actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return true;
        }

        var expectedStart = expected.IndexOfAny(['[', '{', '"']);
        var actualStart = actual.IndexOfAny(['[', '{', '"']);
        if (expectedStart < 0 || actualStart < 0 || !expected.AsSpan(0, expectedStart).Trim().SequenceEqual(actual.AsSpan(0, actualStart).Trim()))
        {
            return false;
        }

        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(expected[expectedStart..]), JsonNode.Parse(actual[actualStart..]));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // One line of a script or a recording: null for a blank line or a comment.
    private static ScriptStep? ParseLine(string line, int number, string kind)
    {
        if (line.Length == 0 || line[0] == '#')
        {
            return null;
        }

        var direction = line[0] switch
        {
            '>' => ScriptDirection.Outgoing,
            '<' => ScriptDirection.Incoming,
            '=' => ScriptDirection.Update,
            _ => throw new FormatException($"{kind} line {number} must start with '>' (sent), '<' (received), '=' (update) or '#' (comment): {line}"),
        };
        var text = line[1..].Trim();
        return new ScriptStep(direction, text, number, direction == ScriptDirection.Update ? null : ParseBinary(text, number));
    }

    private static byte[]? ParseBinary(string text, int line)
    {
        try
        {
            if (text.StartsWith(HexPrefix, StringComparison.Ordinal))
            {
                var hex = new StringBuilder();
                foreach (var c in text.AsSpan(HexPrefix.Length))
                {
                    if (!char.IsWhiteSpace(c))
                    {
                        hex.Append(c);
                    }
                }

                return Convert.FromHexString(hex.ToString());
            }

            return text.StartsWith(Base64Prefix, StringComparison.Ordinal) ? Convert.FromBase64String(text[Base64Prefix.Length..].Trim()) : null;
        }
        catch (FormatException error)
        {
            throw new FormatException($"Script line {line}: a binary frame is written as '{HexPrefix} 01 02 ff' (hex, spaces allowed) or '{Base64Prefix} AQL/' (base64); '{text}' is neither ({error.Message}).", error);
        }
    }

    private static void Push(FakeConnection connection, ScriptStep step)
    {
        try
        {
            if (step.Binary is { } bytes)
            {
                connection.PushBinary(bytes);
            }
            else
            {
                connection.PushText(step.Text);
            }
        }
        catch (FakeFrameException error)
        {
            throw new ScriptMismatchException(step, $"the fake transport ({connection.Envelope.Name}) cannot deliver it: {error.Message}", error);
        }
    }

    private static async Task<SentMessage> NextSentAsync(FakeConnection connection, ScriptStep step, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.NextSentAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException error)
        {
            throw new ScriptMismatchException(step, $"the client sent nothing within {timeout.TotalSeconds:0.###} s of real time", error);
        }
    }

    private static void Compare(ScriptStep step, SentMessage sent)
    {
        var same = step.Binary is { } bytes
            ? !sent.IsText && sent.Content.AsSpan().SequenceEqual(bytes)
            : sent.IsText && FramesEqual(step.Text, sent.Text);
        if (!same)
        {
            throw new ScriptMismatchException(step, $"the client sent {Show(sent)}");
        }
    }

    private bool IsIgnored(FakeConnection connection, SentMessage sent)
        => _replay is not null && sent.IsText && ScriptCorrelation.EventName(sent.Text, connection.Envelope.ActionProperty) is { } name && _replay.IgnoredEvents.Contains(name);

    private static void CompareByName(FakeConnection connection, ScriptStep step, SentMessage sent)
    {
        var expected = step.Binary is null ? ScriptCorrelation.EventName(step.Text, connection.Envelope.ActionProperty) : null;
        var actual = sent.IsText ? ScriptCorrelation.EventName(sent.Text, connection.Envelope.ActionProperty) : null;
        var same = step.Binary is { } bytes ? !sent.IsText && sent.Content.AsSpan().SequenceEqual(bytes) : expected is not null && expected == actual;
        if (!same)
        {
            throw new ScriptMismatchException(step, $"the recording has the client send '{expected ?? step.Text}' here, but it sent {(actual is null ? Show(sent) : $"'{actual}' ({Show(sent)})")}");
        }
    }

    private static async Task CompareUpdateAsync(ScriptStep step, Func<CancellationToken, Task<string>>? nextUpdate, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (nextUpdate is null)
        {
            throw new InvalidOperationException($"Script line {step.Line} expects an update; pass nextUpdate to RunAsync.");
        }

        string update;
        try
        {
            // The update source is told to stop at the limit (its token is cancelled), so it does not keep a read pending.
            update = await TimeoutRunner.RunAsync("nextUpdate", timeout, TimeProvider.System, nextUpdate, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException error)
        {
            throw new ScriptMismatchException(step, $"no update came within {timeout.TotalSeconds:0.###} s of real time", error);
        }

        if (!FramesEqual(step.Text, update))
        {
            throw new ScriptMismatchException(step, $"the update was {update}");
        }
    }

    private static string Show(SentMessage sent)
    {
        var text = sent.IsText ? sent.Text : $"a binary frame {Hex(sent.Content)}";
        return sent.Attachments.Count == 0 ? text : $"{text} with {sent.Attachments.Count} attachment(s)";
    }

    private static string Hex(byte[] bytes)
    {
        const int Shown = 48;
        var hex = new StringBuilder(HexPrefix);
        for (var i = 0; i < Math.Min(bytes.Length, Shown); i++)
        {
            hex.Append(' ').Append(bytes[i].ToString("x2", CultureInfo.InvariantCulture));
        }

        return bytes.Length > Shown ? hex.Append($" … ({bytes.Length} bytes)").ToString() : hex.ToString();
    }

    // The attachments of the last outgoing header, which the binary lines after it must list in order.
    private sealed class SentAttachments
    {
        private IReadOnlyList<byte[]> _pending = [];

        public int Taken { get; private set; }

        public int HeaderLine { get; private set; }

        public void Start(ScriptStep step, SentMessage sent)
        {
            _pending = sent.Attachments;
            Taken = 0;
            HeaderLine = step.Line;
        }

        public bool TryTake(out byte[] attachment)
        {
            if (Taken < _pending.Count)
            {
                attachment = _pending[Taken++];
                return true;
            }

            attachment = [];
            return false;
        }

        public void EnsureAllTaken(ScriptStep at)
        {
            if (Taken < _pending.Count)
            {
                throw new ScriptMismatchException(at, $"the message sent at line {HeaderLine} carried {_pending.Count} attachment(s) but the script lists {Taken}; add a '> bin:' line for each");
            }
        }
    }
}
