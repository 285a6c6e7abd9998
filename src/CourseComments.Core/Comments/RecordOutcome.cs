namespace CourseComments.Comments;

/// <summary>What <see cref="CommentWriter.RecordOnceAsync"/> did with one message: the writer's answer, which
/// <see cref="CommentIntake"/> turns into an <see cref="IntakeOutcome"/>.</summary>
public enum RecordOutcome
{
    /// <summary>Stored now.</summary>
    Stored,

    /// <summary>Stored earlier by another delivery of the same event.</summary>
    AlreadyStored,

    /// <summary>Another delivery of the same event is being stored right now; it is not stored yet.</summary>
    InFlight,

    /// <summary>The admission check refused this new event: nothing stored, its claim released.</summary>
    Refused,
}
