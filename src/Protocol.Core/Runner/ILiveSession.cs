namespace Protocol;

// What session-bound helpers (keyed streams) may ask of the session object they are handed: whether its connection is
// still up. A send that fails on a session already gone is not the caller's failure: the next session replays it.
internal interface ILiveSession
{
    bool IsOpen { get; }
}
