using System.Text.Json;

namespace CourseComments.Tests.Hostile;

internal static class ProblemAnswers
{
    /// <summary>The reason code (the problem type's last segment) of a problem+json answer; null for any other
    /// answer.</summary>
    public static async Task<string?> ProblemCodeAsync(this HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return null;
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.TryGetProperty("type", out var type) ? type.GetString()?.Split('/')[^1] : null;
    }
}
