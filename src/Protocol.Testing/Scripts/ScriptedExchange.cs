using System.Text.Json;
using System.Text.Json.Nodes;
using Protocol.Testing.Connections;

namespace Protocol.Testing.Scripts;

/// <summary>
/// A recorded exchange, one step per line, replayed against a <see cref="FakeConnection"/>:
/// <code>
/// # comment
/// &gt; 42["getBalance"]                           the client must send this next
/// &lt; 42["successupdateBalance",{"balance":5}]   the server replies (pushed through the transport's decoder)
/// = {"balance":5}                               the next typed update the test observes, as JSON
/// </code>
/// Frames compare as JSON when both sides parse (after a common non-JSON prefix such as <c>42</c>), so whitespace and
/// property order do not matter; otherwise they compare as exact text.
/// </summary>
public sealed class ScriptedExchange
{
    private ScriptedExchange(IReadOnlyList<ScriptStep> steps) => Steps = steps;

    /// <summary>The steps, in order.</summary>
    public IReadOnlyList<ScriptStep> Steps { get; }

    /// <summary>Parses a script.</summary>
    /// <param name="script">The script text.</param>
    /// <exception cref="FormatException">A line does not start with <c>&gt;</c>, <c>&lt;</c>, <c>=</c> or <c>#</c>.</exception>
    public static ScriptedExchange Parse(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var steps = new List<ScriptStep>();
        var lines = script.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var direction = line[0] switch
            {
                '>' => ScriptDirection.Outgoing,
                '<' => ScriptDirection.Incoming,
                '=' => ScriptDirection.Update,
                _ => throw new FormatException($"Script line {i + 1} must start with '>' (sent), '<' (received), '=' (update) or '#' (comment): {line}"),
            };
            steps.Add(new ScriptStep(direction, line[1..].Trim(), i + 1));
        }

        return new ScriptedExchange(steps);
    }

    /// <summary>Replays the script.</summary>
    /// <param name="connection">The connected fake connection.</param>
    /// <param name="nextUpdate">Returns the next typed update the client produced, rendered as JSON; required if the script has <c>=</c> lines.</param>
    /// <param name="stepTimeout">A wall-clock safety net per step; 5 s by default.</param>
    /// <param name="cancellationToken">Abandons the replay.</param>
    /// <exception cref="ScriptMismatchException">A step did not match.</exception>
    public async Task RunAsync(FakeConnection connection, Func<CancellationToken, Task<string>>? nextUpdate = null, TimeSpan? stepTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var timeout = stepTimeout ?? TimeSpan.FromSeconds(5);
        foreach (var step in Steps)
        {
            switch (step.Direction)
            {
                case ScriptDirection.Incoming:
                    connection.PushText(step.Text);
                    break;
                case ScriptDirection.Outgoing:
                    SentMessage sent;
                    try
                    {
                        sent = await connection.NextSentAsync(timeout, cancellationToken).ConfigureAwait(false);
                    }
                    catch (TimeoutException error)
                    {
                        throw new ScriptMismatchException(step, "nothing sent", error);
                    }

                    if (!FramesEqual(step.Text, sent.Text))
                    {
                        throw new ScriptMismatchException(step, sent.Text);
                    }

                    break;
                case ScriptDirection.Update:
                    if (nextUpdate is null)
                    {
                        throw new InvalidOperationException($"Script line {step.Line} expects an update; pass nextUpdate to RunAsync.");
                    }

                    string update;
                    try
                    {
                        update = await nextUpdate(cancellationToken).WaitAsync(timeout, TimeProvider.System, cancellationToken).ConfigureAwait(false);
                    }
                    catch (TimeoutException error)
                    {
                        throw new ScriptMismatchException(step, "no update", error);
                    }

                    if (!FramesEqual(step.Text, update))
                    {
                        throw new ScriptMismatchException(step, update);
                    }

                    break;
            }
        }
    }

    /// <summary>Compares two frames: same non-JSON prefix and equal JSON, or identical text.</summary>
    /// <param name="expected">The scripted frame.</param>
    /// <param name="actual">The observed frame.</param>
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
}
