using Protocol.Infrastructure;
namespace Protocol;

/// <summary>
/// Where a connection goes: a WebSocket URI plus the headers of the upgrade request, and a display name
/// (e.g. the region). Header values, user info, the query and some path segments can carry secrets, so
/// <see cref="ToString"/> shows none of them (see <see cref="UriRedaction"/>).
/// </summary>
public sealed class ConnectionEndpoint
{
    private IReadOnlyList<int> _secretPathSegments = [];

    /// <summary>Creates an endpoint.</summary>
    /// <param name="uri">
    /// An absolute <c>ws://</c> or <c>wss://</c> URI; <c>http://</c> and <c>https://</c> are taken as <c>ws://</c> and
    /// <c>wss://</c> (the form platforms and Socket.IO users write), as <c>SocketIOOptions.ServerUri</c> does.
    /// </param>
    /// <param name="name">A display name for logs and metrics, e.g. a region; defaults to the host.</param>
    /// <param name="headers">Headers for the upgrade request (Origin, User-Agent, cookies…).</param>
    /// <exception cref="ArgumentException"><paramref name="uri"/> is not an absolute ws, wss, http or https URI.</exception>
    public ConnectionEndpoint(Uri uri, string? name = null, IReadOnlyList<KeyValuePair<string, string>>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var scheme = uri.IsAbsoluteUri ? uri.Scheme : null;
        var webSocketScheme = scheme switch
        {
            "ws" or "http" => "ws",
            "wss" or "https" => "wss",
            _ => throw new ArgumentException($"An endpoint needs an absolute ws://, wss://, http:// or https:// URI; got scheme '{scheme ?? "relative"}'. Use e.g. wss://host/path.", nameof(uri)),
        };

        // The port stays what it was (an explicit one is kept; a default one is the same for http/ws and https/wss).
        Uri = webSocketScheme == scheme ? uri : new UriBuilder(uri) { Scheme = webSocketScheme, Port = uri.IsDefaultPort ? -1 : uri.Port }.Uri;
        Name = string.IsNullOrEmpty(name) ? uri.Host : name;
        Headers = headers ?? [];
    }

    /// <summary>Creates an endpoint from a URI string.</summary>
    /// <param name="uri">An absolute <c>ws://</c>, <c>wss://</c>, <c>http://</c> or <c>https://</c> URI.</param>
    /// <param name="name">A display name; defaults to the host.</param>
    public ConnectionEndpoint(string uri, string? name = null)
        : this(new Uri(uri, UriKind.Absolute), name)
    {
    }

    /// <summary>The WebSocket URI.</summary>
    public Uri Uri { get; }

    /// <summary>The display name (region or host) used in logs, metrics and traces.</summary>
    public string Name { get; }

    /// <summary>Headers sent with the upgrade request.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>
    /// 0-based indexes of path segments that hold secrets (a token in the path: <c>/api/TOKEN/stream</c> has it at 1),
    /// redacted wherever the endpoint is printed. User info and the query are always redacted.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is negative.</exception>
    public IReadOnlyList<int> SecretPathSegments
    {
        get => _secretPathSegments;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            foreach (var index in value)
            {
                if (index < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), index, "SecretPathSegments holds 0-based path segment indexes; a negative index names no segment.");
                }
            }

            _secretPathSegments = value;
        }
    }

    /// <summary>The URI as it may be printed: host, port and path, with user info, query and secret segments redacted.</summary>
    public string DisplayUri => UriRedaction.Redact(Uri, _secretPathSegments);

    /// <summary>The name and <see cref="DisplayUri"/>; never the headers, user info, query or secret segments.</summary>
    public override string ToString() => $"{Name} ({DisplayUri})";
}
