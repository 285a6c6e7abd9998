namespace CourseComments.Comments;

/// <summary>
/// A check <see cref="CommentWriter"/> runs alongside an event's once-only claim (so it adds no round trip), such as
/// counting the comment against its author. When the claim shows the event is a copy of one already handled, the
/// check is undone, so copies are counted once.
/// </summary>
public interface ICommentAdmission
{
    /// <returns>False to refuse the comment.</returns>
    /// <exception cref="CommentStoreException">The check could not be made; nothing is stored.</exception>
    Task<bool> AdmitAsync(CancellationToken cancellationToken);

    /// <summary>Reverses a completed <see cref="AdmitAsync"/>. Best effort: failures are the caller's to
    /// ignore.</summary>
    Task UndoAsync(CancellationToken cancellationToken);
}
