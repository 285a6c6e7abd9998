namespace CourseComments.Tests.Infrastructure;

/// <summary>What the Bicep compiler would say about module calls, checked without it.</summary>
public class ModuleCallTests
{
    public static TheoryData<string, string> ModuleCalls()
    {
        var calls = new TheoryData<string, string>();
        foreach (var path in BicepFile.All())
        {
            foreach (var module in BicepFile.Load(path).Modules)
            {
                calls.Add(path, module.Name);
            }
        }

        return calls;
    }

    [Theory]
    [MemberData(nameof(ModuleCalls))]
    public void Modules_are_called_with_exactly_their_parameters(string path, string moduleName)
    {
        var caller = BicepFile.Load(path);
        var module = caller.Get("module", moduleName);
        var calleePath = caller.Resolve(module);
        Assert.True(File.Exists(RepoFiles.PathOf(calleePath)), $"{calleePath} does not exist.");

        var callee = BicepFile.Load(calleePath);
        var passed = module.ObjectEntries("params").Select(entry => entry.Key).ToHashSet();
        var declared = callee.Parameters.Select(parameter => parameter.Name).ToHashSet();
        Assert.Empty(passed.Except(declared));
        Assert.Empty(callee.Parameters.Where(parameter => !parameter.HasDefault).Select(parameter => parameter.Name).Except(passed));
    }

    [Theory]
    [MemberData(nameof(ModuleCalls))]
    public void Module_outputs_used_by_the_caller_exist(string path, string moduleName)
    {
        var caller = BicepFile.Load(path);
        var callee = BicepFile.Load(caller.Resolve(caller.Get("module", moduleName)));
        var outputs = callee.Outputs.Select(output => output.Name).ToHashSet();
        var used = caller.Declarations
            .SelectMany(declaration => System.Text.RegularExpressions.Regex.Matches(declaration.Text, $@"\b{moduleName}\.outputs\.(\w+)"))
            .Select(match => match.Groups[1].Value)
            .ToHashSet();
        Assert.Empty(used.Except(outputs));
    }
}
