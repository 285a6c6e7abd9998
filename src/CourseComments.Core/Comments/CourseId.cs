using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace CourseComments.Comments;

/// <summary>A course id as it is used for a list key: 1–64 characters of letters, digits, '_' and '-'.</summary>
public static partial class CourseId
{
    public const int MaxLength = 64;

    public static bool IsValid([NotNullWhen(true)] string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
