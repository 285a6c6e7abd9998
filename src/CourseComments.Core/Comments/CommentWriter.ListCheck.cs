namespace CourseComments.Comments;

/// <summary>The proof of storage: a copy of a claimed message is acknowledged only once its comment is found on its
/// course's list.</summary>
public sealed partial class CommentWriter
{
    /// <summary>Whether the comment's message is on its course's list (a copy of it is then stored).</summary>
    private async Task<bool> IsListedAsync(string claimKey, string courseId, CancellationToken cancellationToken)
    {
        var id = StoredComment.IdFor(claimKey);
        var items = await store.FetchAsync(courseId, options.Value.MaxPerCourse, cancellationToken);
        return items.Any(item =>
            item.Contains(id, StringComparison.Ordinal) && StoredComment.Decode(item)?.Id == id);
    }
}
