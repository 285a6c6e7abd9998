using System.ComponentModel.DataAnnotations;

namespace CourseComments.Comments;

/// <summary>
/// Who may add comments, and how fast (section <c>Intake</c>). Read through <c>IOptionsMonitor</c>: a changed
/// setting (an App Service app setting, a reloaded configuration file) takes effect without a restart.
/// </summary>
public sealed class IntakeOptions : IValidatableObject
{
    public const string Section = "Intake";

    /// <summary>Comments one author (token id) may add per <see cref="AuthorWindow"/>, counted in the comment store,
    /// so the limit holds across instances.</summary>
    [Range(1, 10_000)]
    public int MaxCommentsPerAuthor { get; set; } = 10;

    /// <summary>The fixed window <see cref="MaxCommentsPerAuthor"/> counts over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AuthorWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Author ids (token ids, exactly as in comments' <c>userID</c>) whose comments are refused.</summary>
    public List<string> BlockedAuthors { get; set; } = [];

    /// <summary>Course ids comments may be added to; empty (the default) allows every valid course id.</summary>
    public List<string> AllowedCourses { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var course in AllowedCourses.Where(course => !CourseId.IsValid(course)))
        {
            yield return new ValidationResult(
                $"Intake:AllowedCourses entry '{course}' is not a course id (1-64 letters, digits, '_' or '-').",
                [nameof(AllowedCourses)]);
        }
    }
}
