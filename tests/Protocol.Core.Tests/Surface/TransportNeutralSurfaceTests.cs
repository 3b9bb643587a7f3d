using System.Reflection;
using System.Text.RegularExpressions;

namespace Protocol.Core.Tests.Surface;

// Issue #9 item 11: Protocol.Core knows no Socket.IO. Its public types and members name no Socket.IO concept, so the
// transport specifics stay in Protocol.SocketIO (and a new one cannot creep back in unnoticed).
public sealed partial class TransportNeutralSurfaceTests
{
    // Whole PascalCase words, so "Ack" finds AckId but not Stack, Callback or Backoff.
    private static readonly string[] Forbidden = ["SocketIO", "Ack", "Namespace", "Placeholder"];

    // The declaration attributes name the envelope a platform's generated code writes: WireEnvelope.SocketIO is a
    // generator switch (its writer lives in Protocol.SocketIO), not runtime behaviour, and renaming it would break every
    // user's [ProtocolPlatform] declaration.
    private static readonly HashSet<string> Allowed = ["Protocol.WireEnvelope.SocketIO"];

    [Fact]
    public void No_public_type_or_member_of_the_core_names_a_socket_io_concept()
    {
        var offenders = new List<string>();
        foreach (var type in typeof(MessageView).Assembly.GetExportedTypes())
        {
            Check(type.FullName!, type.Name, offenders);
            const BindingFlags Visible = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(Visible))
            {
                Check($"{type.FullName}.{member.Name}", member.Name, offenders);
                if (member is MethodBase method)
                {
                    foreach (var parameter in method.GetParameters())
                    {
                        Check($"{type.FullName}.{member.Name}({parameter.Name})", parameter.Name ?? string.Empty, offenders);
                    }
                }
            }

            foreach (var member in type.GetMembers(BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                // Protected members are public surface too (a user's subclass sees them).
                if (member is MethodBase { IsFamily: true } or MethodBase { IsFamilyOrAssembly: true })
                {
                    Check($"{type.FullName}.{member.Name}", member.Name, offenders);
                }
            }
        }

        offenders.ShouldBeEmpty();
    }

    [Fact]
    public void The_check_finds_a_forbidden_word_and_ignores_it_inside_another_word()
    {
        var offenders = new List<string>();
        Check("T.GetAckId", "GetAckId", offenders);
        Check("T.SocketIOEventWriter", "SocketIOEventWriter", offenders);
        Check("T.Namespace", "Namespace", offenders);
        Check("T.Stack", "Stack", offenders);
        Check("T.Callback", "Callback", offenders);
        Check("T.Backoff", "Backoff", offenders);
        Check("T.M(ackId)", "ackId", offenders);
        offenders.ShouldBe(["T.GetAckId", "T.SocketIOEventWriter", "T.Namespace", "T.M(ackId)"]);
    }

    private static void Check(string fullName, string name, List<string> offenders)
    {
        if (Allowed.Contains(fullName))
        {
            return;
        }

        var words = Words().Matches(name).Select(m => m.Value).ToArray();
        foreach (var forbidden in Forbidden)
        {
            var hit = forbidden.StartsWith("Socket", StringComparison.Ordinal)
                ? name.Contains(forbidden, StringComparison.OrdinalIgnoreCase)
                : words.Contains(forbidden, StringComparer.OrdinalIgnoreCase);
            if (hit)
            {
                offenders.Add(fullName);
                return;
            }
        }
    }

    // PascalCase words: an upper-case run before a capitalised word ("IOEvent" -> "IO", "Event"), capitalised words,
    // lower-case starts (parameters), digits.
    [GeneratedRegex("[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")]
    private static partial Regex Words();
}
