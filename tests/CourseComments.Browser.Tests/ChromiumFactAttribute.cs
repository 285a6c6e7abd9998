namespace CourseComments.Browser.Tests;

/// <summary>Where the browser tests find Chromium: <c>CHROMIUM_PATH</c>, else Debian's
/// <c>/usr/bin/chromium</c>.</summary>
public static class Chromium
{
    public static string? Path =>
        new[] { Environment.GetEnvironmentVariable("CHROMIUM_PATH"), "/usr/bin/chromium" }
            .FirstOrDefault(path => !string.IsNullOrEmpty(path) && File.Exists(path));

    /// <summary>In CI a missing browser is a failure, never a silent skip.</summary>
    public static bool Required =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string RequirePath() =>
        Path
            ?? throw new InvalidOperationException(
                "No Chromium found (CHROMIUM_PATH or /usr/bin/chromium); CI=true requires it. Install Debian's "
                    + "chromium (.ci/run does).");
}

/// <summary>A test that needs a real Chromium: skipped with the reason when there is none, except in CI, where it
/// fails.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null && !Chromium.Required)
        {
            Skip =
                "No Chromium found (set CHROMIUM_PATH or install Debian's chromium); with CI=true this test fails "
                    + "instead.";
        }
    }
}
