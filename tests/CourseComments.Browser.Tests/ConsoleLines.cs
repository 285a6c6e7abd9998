using Xunit.Abstractions;
using Xunit.Sdk;

namespace CourseComments.Browser.Tests;

/// <summary>
/// Lines for the console of <c>dotnet test</c> itself, as xunit diagnostic messages (switched on in
/// xunit.runner.json; shown as <c>[xUnit.net …] CourseComments.Browser.Tests: …</c>). A test's ITestOutputHelper
/// text reaches the console only when the test fails; <c>Console.WriteLine</c> in a test never does.
/// </summary>
public sealed class ConsoleLines(IMessageSink diagnostics)
{
    public void WriteLine(string line) => diagnostics.OnMessage(new DiagnosticMessage(line));
}
