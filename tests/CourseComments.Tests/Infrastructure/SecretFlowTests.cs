using System.Text.Json.Nodes;

namespace CourseComments.Tests.Infrastructure;

/// <summary>Deployment outputs are stored in plain text (azd writes them to .azure/&lt;env&gt;/.env), and so is a
/// module's parameter unless it is secure; a secret must reach the vault and nothing else.</summary>
[Collection(CompiledInfrastructureCollection.Name)]
public class SecretFlowTests(CompiledInfrastructure infrastructure)
{

    [Fact]
    public void No_output_of_any_template_reads_a_secure_value()
    {
        foreach (var template in infrastructure.Template.SelfAndModules)
        {
            var secure = SecureReferences(template);
            foreach (var (name, output) in template.Outputs)
            {
                var text = ArmTemplate.Text(output!);
                Assert.False(Reads(text, secure), $"{template.Path} output {name} reads a secure value: {text}");
            }
        }
    }

    [Fact]
    public void Secure_values_enter_modules_only_as_secure_parameters()
    {
        var handOffs = 0;
        foreach (var template in infrastructure.Template.SelfAndModules)
        {
            var secure = SecureReferences(template);
            foreach (var (deployment, module) in template.Modules)
            {
                // Inner scope: the module's expressions see only its own parameters, never the caller's.
                Assert.Equal("inner", deployment.StringAt("properties.expressionEvaluationOptions.scope"));
                foreach (var (name, value) in deployment.At("properties.parameters").AsObject())
                {
                    if (Reads(ArmTemplate.Text(value!), secure))
                    {
                        handOffs++;
                        var receiver = module.Parameters.At(name);
                        Assert.True(IsSecure(receiver), $"{module.Path} takes a secret in {name}, not @secure().");
                    }
                }
            }
        }

        Assert.Equal(2, handOffs);
    }

    [Fact]
    public void The_secrets_are_written_to_the_vault_and_nowhere_else()
    {
        // The prediction leaves secure parameters unevaluated, so a secret shows up as the top-level parameter's
        // expression wherever it lands (and as its value, were it ever evaluated).
        var deployment = infrastructure.Production;
        const string Secrets = "Microsoft.KeyVault/vaults/secrets";
        Assert.Equal(
            "[parameters('momentoApiKey')]", deployment.PropertiesOf(Secrets, "momento-api-key").StringAt("value"));
        Assert.Equal(
            "[parameters('webhookSigningSecret')]",
            deployment.PropertiesOf(Secrets, "webhook-signing-secret").StringAt("value"));

        string[] traces =
        [
            CompiledInfrastructure.MomentoApiKeyValue, CompiledInfrastructure.SigningSecretValue,
            "parameters('momentoApiKey')", "parameters('webhookSigningSecret')",
        ];
        var elsewhere = deployment.Resources.Where(resource => resource.StringAt("type") != Secrets)
            .Append(deployment.Outputs);
        Assert.All(elsewhere, node => Assert.False(Reads(ArmTemplate.Text(node), traces), ArmTemplate.Text(node)));
    }

    /// <summary>ARM's secure types: their values are never logged or returned by the deployment.</summary>
    internal static bool IsSecure(JsonNode declaration) =>
        declaration.StringAt("type").ToLowerInvariant() is "securestring" or "secureobject";

    private static bool Reads(string text, IEnumerable<string> references) =>
        references.Any(reference => text.Contains(reference, StringComparison.Ordinal));

    /// <summary>How the template's expressions read a secure value: its secure parameters, and every variable
    /// computed (directly or through another variable) from one.</summary>
    private static List<string> SecureReferences(ArmTemplate template)
    {
        var references = template.Parameters.Where(parameter => IsSecure(parameter.Value!))
            .Select(parameter => $"parameters('{parameter.Key}')").ToList();
        bool grew;
        do
        {
            grew = false;
            foreach (var (name, value) in template.Variables)
            {
                var reference = $"variables('{name}')";
                if (!references.Contains(reference) && Reads(ArmTemplate.Text(value!), references))
                {
                    references.Add(reference);
                    grew = true;
                }
            }
        }
        while (grew);

        return references;
    }
}
