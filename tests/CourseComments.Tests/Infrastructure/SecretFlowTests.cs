namespace CourseComments.Tests.Infrastructure;

/// <summary>Deployment outputs are stored in plain text (azd writes them to .azure/&lt;env&gt;/.env), so a secure
/// value must never reach one, directly, through a var, or through a module that does not treat it as secure.</summary>
public class SecretFlowTests
{
    public static TheoryData<string> BicepFiles() => new(BicepFile.All());

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void No_output_carries_a_secure_value(string path)
    {
        var file = BicepFile.Load(path);
        var secure = SecureNames(file);
        foreach (var output in file.Outputs)
        {
            Assert.Empty(output.ReferencedIdentifiers.Intersect(secure));
        }
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Secure_values_enter_modules_only_as_secure_parameters(string path)
    {
        var file = BicepFile.Load(path);
        var secure = SecureNames(file);
        foreach (var module in file.Modules)
        {
            var callee = BicepFile.Load(file.Resolve(module));
            foreach (var (name, value) in module.ObjectEntries("params"))
            {
                if (BicepFile.Identifiers(value).Overlaps(secure))
                {
                    Assert.True(callee.Get("param", name).IsSecure, $"{path} passes a secure value to {callee.RepoRelativePath}'s param {name}, which is not @secure().");
                }
            }
        }
    }

    [Fact]
    public void The_secrets_are_secure_parameters_down_to_the_vault()
    {
        Assert.True(BicepFile.Load("infra/main.bicep").Get("param", "momentoApiKey").IsSecure);
        Assert.True(BicepFile.Load("infra/main.bicep").Get("param", "webhookSigningSecret").IsSecure);
        Assert.True(BicepFile.Load("infra/app/key-vault.bicep").Get("param", "momentoApiKey").IsSecure);
        Assert.True(BicepFile.Load("infra/app/key-vault.bicep").Get("param", "webhookSigningSecret").IsSecure);
    }

    /// <summary>The secure parameters and every var computed from one.</summary>
    private static HashSet<string> SecureNames(BicepFile file)
    {
        var secure = file.Parameters.Where(parameter => parameter.IsSecure).Select(parameter => parameter.Name).ToHashSet();
        bool grew;
        do
        {
            grew = false;
            foreach (var variable in file.Of("var").Where(variable => variable.ReferencedIdentifiers.Overlaps(secure)))
            {
                grew |= secure.Add(variable.Name);
            }
        }
        while (grew);

        return secure;
    }
}
