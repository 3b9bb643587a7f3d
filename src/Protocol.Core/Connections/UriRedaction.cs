using System.ComponentModel;
using System.Text;

namespace Protocol.Infrastructure;

/// <summary>
/// How a connection URI is printed in logs, exception messages and <c>ToString</c>: scheme, host, port and path stay
/// (they say where the client went); user info, the query, the fragment and any path segment a platform marks as
/// secret become <c>[redacted]</c>, because passwords, session ids and tokens travel there.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class UriRedaction
{
    /// <summary>The text that stands in for a secret.</summary>
    public const string Marker = "[redacted]";

    /// <summary>Formats <paramref name="uri"/> for display without its secrets.</summary>
    /// <param name="uri">An absolute URI.</param>
    /// <param name="secretPathSegments">0-based indexes of path segments to redact (e.g. a token in the path); none when null.</param>
    /// <returns>The printable form, e.g. <c>wss://[redacted]@host:8443/socket.io/?[redacted]</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="uri"/> is relative.</exception>
    public static string Redact(Uri uri, IReadOnlyCollection<int>? secretPathSegments = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException("Only absolute URIs can be printed for display; pass the endpoint's full URI.", nameof(uri));
        }

        var text = new StringBuilder(uri.Scheme).Append("://");
        if (uri.UserInfo.Length > 0)
        {
            text.Append(Marker).Append('@');
        }

        text.Append(uri.IdnHost.Contains(':', StringComparison.Ordinal) ? $"[{uri.IdnHost}]" : uri.IdnHost);
        if (!uri.IsDefaultPort)
        {
            text.Append(':').Append(uri.Port);
        }

        var path = uri.AbsolutePath;
        if (secretPathSegments is { Count: > 0 })
        {
            // Segments are counted after the leading '/': in /api/TOKEN/stream, TOKEN is segment 1.
            var segments = path.Split('/');
            for (var i = 1; i < segments.Length; i++)
            {
                if (segments[i].Length > 0 && secretPathSegments.Contains(i - 1))
                {
                    segments[i] = Marker;
                }
            }

            path = string.Join('/', segments);
        }

        text.Append(path);
        if (uri.Query.Length > 1)
        {
            text.Append('?').Append(Marker);
        }

        return text.ToString();
    }
}
