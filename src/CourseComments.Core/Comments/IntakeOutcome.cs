namespace CourseComments.Comments;

/// <summary>How <see cref="CommentIntake"/> dealt with one message; the delivery channel answers by it.</summary>
public enum IntakeOutcome
{
    /// <summary>Stored now.</summary>
    Stored,

    /// <summary>Stored earlier by another delivery of the same message.</summary>
    AlreadyStored,

    /// <summary>Another delivery of the same message holds its claim but its comment is not on the list (yet): being
    /// stored, settling, or lost with a stopped process (the claim then lasts its TTL); not known to be
    /// stored.</summary>
    InFlight,

    /// <summary>Not acceptable; <see cref="IntakeResult.Reason"/> and <see cref="IntakeResult.Problem"/> say
    /// why.</summary>
    Refused,
}
