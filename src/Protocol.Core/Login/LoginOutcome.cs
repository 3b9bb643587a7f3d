namespace Protocol;

/// <summary>The kinds of <see cref="LoginDecision"/>.</summary>
public enum LoginOutcome
{
    /// <summary>Keep waiting.</summary>
    Pending,

    /// <summary>Ready.</summary>
    Accepted,

    /// <summary>Terminal rejection.</summary>
    Rejected,

    /// <summary>Send a reply and keep waiting.</summary>
    Reply,
}
