using System.Text;
using System.Text.RegularExpressions;

namespace CourseComments.Tests.Infrastructure;

/// <summary>One top-level Bicep declaration: its decorators and its text from the keyword on.</summary>
internal sealed record BicepDeclaration(string Keyword, string Name, IReadOnlyList<string> Decorators, string Text)
{
    public bool IsSecure => Decorators.Any(decorator => decorator.StartsWith("@secure()", StringComparison.Ordinal));

    /// <summary>A parameter with a default value (or a nullable type) need not be given.</summary>
    public bool HasDefault
    {
        get
        {
            var header = Text.Split('\n')[0];
            var type = Regex.Match(header, @"^param\s+\w+\s+([^=\s]+)").Groups[1].Value;
            return header.Contains('=') || type.EndsWith('?');
        }
    }

    /// <summary>What follows the first <c>=</c>: a var's or output's expression, a resource's or module's body.</summary>
    public string Value => Text[(Text.IndexOf('=') + 1)..].Trim();

    /// <summary>For a module, the file it calls, relative to the declaring file.</summary>
    public string ModulePath => Regex.Match(Text, @"^module\s+\w+\s+'([^']+)'").Groups[1].Value;

    /// <summary>The entries of the object literal following <paramref name="key"/> (<c>params</c>, <c>properties</c>…);
    /// for a var holding an object literal, pass null.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ObjectEntries(string? key = null)
    {
        var start = key is null ? Value.IndexOf('{') : Value.IndexOf($"{key}: {{", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{Keyword} {Name} has no object literal{(key is null ? "" : $" under '{key}'")}.");
        return BicepFile.ObjectEntries(Value, Value.IndexOf('{', start));
    }

    public IReadOnlySet<string> ReferencedIdentifiers => BicepFile.Identifiers(Value);
}

/// <summary>
/// Just enough of Bicep for the checks in this folder, which stand in for a compiler this machine cannot install:
/// top-level declarations start in column 0, and object literals hold one entry per line (the house layout).
/// </summary>
internal sealed partial class BicepFile
{
    private BicepFile(string repoRelativePath, IReadOnlyList<BicepDeclaration> declarations)
    {
        RepoRelativePath = repoRelativePath;
        Declarations = declarations;
    }

    public string RepoRelativePath { get; }

    public IReadOnlyList<BicepDeclaration> Declarations { get; }

    public IEnumerable<BicepDeclaration> Parameters => Of("param");

    public IEnumerable<BicepDeclaration> Outputs => Of("output");

    public IEnumerable<BicepDeclaration> Modules => Of("module");

    public IEnumerable<BicepDeclaration> Of(string keyword) => Declarations.Where(declaration => declaration.Keyword == keyword);

    public BicepDeclaration Get(string keyword, string name) =>
        Declarations.SingleOrDefault(declaration => declaration.Keyword == keyword && declaration.Name == name)
        ?? throw new Xunit.Sdk.XunitException($"{RepoRelativePath} declares no {keyword} {name}.");

    public static IEnumerable<string> All() =>
        Directory.EnumerateFiles(RepoFiles.PathOf("infra"), "*.bicep", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(RepoFiles.Root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);

    public static BicepFile Load(string repoRelativePath)
    {
        var declarations = new List<BicepDeclaration>();
        var decorators = new List<string>();
        foreach (var chunk in TopLevelChunks(RepoFiles.Read(repoRelativePath)))
        {
            if (chunk.StartsWith('@'))
            {
                decorators.Add(chunk);
                continue;
            }

            var header = Regex.Match(chunk, @"^(\w+)\s+(\w+)?");
            declarations.Add(new BicepDeclaration(header.Groups[1].Value, header.Groups[2].Value, decorators.ToArray(), chunk));
            decorators.Clear();
        }

        return new BicepFile(repoRelativePath, declarations);
    }

    /// <summary>The module file a declaration of this file calls, relative to the repository.</summary>
    public string Resolve(BicepDeclaration module) =>
        Path.GetRelativePath(RepoFiles.Root, Path.Combine(Path.GetDirectoryName(RepoFiles.PathOf(RepoRelativePath))!, module.ModulePath))
            .Replace(Path.DirectorySeparatorChar, '/');

    public static IReadOnlySet<string> Identifiers(string expression) =>
        IdentifierPattern().Matches(expression).Select(match => match.Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>Entries at depth one of the object literal opening at <paramref name="openBrace"/>, one per line.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ObjectEntries(string text, int openBrace)
    {
        var entries = new List<KeyValuePair<string, string>>();
        var current = new StringBuilder();
        var depth = 0;
        var inString = false;
        for (var i = openBrace; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                inString = !(c == '\'' && text[i - 1] != '\\');
            }
            else if (c == '\'')
            {
                inString = true;
            }
            else if (c is '{' or '[' or '(')
            {
                depth++;
                if (depth == 1)
                {
                    continue;
                }
            }
            else if (c is '}' or ']' or ')')
            {
                depth--;
                if (depth == 0)
                {
                    AddEntry(entries, current);
                    return entries;
                }
            }
            else if (c == '\n' && depth == 1)
            {
                AddEntry(entries, current);
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        throw new Xunit.Sdk.XunitException("Unclosed object literal.");
    }

    private static void AddEntry(List<KeyValuePair<string, string>> entries, StringBuilder entry)
    {
        var text = entry.ToString().Trim();
        if (text.Length == 0)
        {
            return;
        }

        var colon = text.IndexOf(':');
        Assert.True(colon > 0, $"Not a 'key: value' entry: {text}");
        entries.Add(new(text[..colon].Trim().Trim('\''), text[(colon + 1)..].Trim()));
    }

    private static IEnumerable<string> TopLevelChunks(string source)
    {
        var chunk = new StringBuilder();
        foreach (var rawLine in source.Replace("\r\n", "\n").Split('\n'))
        {
            var line = LineComment().Replace(rawLine, "").TrimEnd();
            if (line.Length == 0)
            {
                continue;
            }

            var startsDeclaration = !char.IsWhiteSpace(line[0]) && line[0] is not ('}' or ']' or ')');
            if (startsDeclaration && chunk.Length > 0)
            {
                yield return chunk.ToString();
                chunk.Clear();
            }

            chunk.Append(line).Append('\n');
        }

        if (chunk.Length > 0)
        {
            yield return chunk.ToString();
        }
    }

    // A comment starts a line or follows whitespace; "//" inside 'https://…' follows a colon.
    [GeneratedRegex(@"(^|\s)//.*$")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex IdentifierPattern();
}
