using System.Text.Json.Nodes;

namespace CourseComments.Tests.Infrastructure;

/// <summary>App Service Authentication (authsettingsV2) as deployed: who may call, from which client application,
/// and which paths stay open.</summary>
[Collection(CompiledInfrastructureCollection.Name)]
public class EasyAuthTests(CompiledInfrastructure infrastructure)
{
    private const string Status = "EASY_AUTH_STATUS";

    private static JsonObject AuthSettings(DeploymentSnapshot deployment) =>
        deployment.PropertiesOf("Microsoft.Web/sites/config", "authsettingsV2");

    private static JsonNode EntraId(DeploymentSnapshot deployment) =>
        AuthSettings(deployment)["identityProviders"]!["azureActiveDirectory"]!;

    [Fact]
    public void Every_path_but_the_webhook_and_health_needs_a_signed_in_principal()
    {
        var settings = AuthSettings(infrastructure.Production);
        Assert.True(settings["platform"]!["enabled"]!.GetValue<bool>());
        var validation = settings["globalValidation"]!;
        Assert.True(validation["requireAuthentication"]!.GetValue<bool>());
        Assert.Equal("Return401", validation["unauthenticatedClientAction"]!.GetValue<string>());
        // Exact paths: anything broader (a prefix, a wildcard) would open more than these two endpoints.
        Assert.Equal(["/api/webhook", "/api/health"], validation.StringsAt("excludedPaths"));
        Assert.True(settings["httpSettings"]!["requireHttps"]!.GetValue<bool>());
        Assert.False(settings["login"]!["tokenStore"]!["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public void Tokens_are_issued_by_the_tenant_for_the_app_registration()
    {
        var entra = EntraId(infrastructure.Production);
        Assert.Equal(CompiledInfrastructure.AuthClientId, entra["registration"]!["clientId"]!.GetValue<string>());
        // The sign-in host comes from the cloud the deployment runs in (environment()), not a hard-coded host.
        Assert.Equal(
            "[format('{0}{1}/v2.0', environment().authentication.loginEndpoint, "
                + $"'{CompiledInfrastructure.TenantId}')]",
            entra["registration"]!["openIdIssuer"]!.GetValue<string>());
        Assert.Equal(
            [CompiledInfrastructure.AuthClientId, $"api://{CompiledInfrastructure.AuthClientId}"],
            entra["validation"]!["allowedAudiences"]!.AsArray().Select(audience => audience!.GetValue<string>()));
    }

    [Fact]
    public void Only_the_listed_client_applications_and_principals_get_in()
    {
        // AUTH_ALLOWED_APPLICATIONS and AUTH_ALLOWED_PRINCIPALS, comma-separated in the azd environment.
        var policy = EntraId(infrastructure.Production)["validation"]!["defaultAuthorizationPolicy"]!;
        Assert.Equal(
            [CompiledInfrastructure.AuthClientId, CompiledInfrastructure.OtherClientId],
            policy["allowedApplications"]!.AsArray().Select(id => id!.GetValue<string>()));
        Assert.Equal(
            [CompiledInfrastructure.AllowedPrincipalId],
            policy["allowedPrincipals"]!["identities"]!.AsArray().Select(id => id!.GetValue<string>()));
    }

    [Fact]
    public void Without_lists_no_authorization_policy_is_sent()
    {
        // An empty list restricts nothing, so none is sent: the policy object appears only with entries.
        var parameters = new[] { "authAllowedApplications", "authAllowedPrincipals" }
            .Select(name => infrastructure.Template.Parameters[name]!["defaultValue"]!.GetValue<string>());
        Assert.All(parameters, value => Assert.Equal("", value));
        var functionApp = infrastructure.Template.Module("functionApp");
        var policy = ArmTemplate.Text(functionApp.Variables["authorizationPolicy"]!);
        Assert.Contains("empty(parameters('authAllowedApplications'))", policy, StringComparison.Ordinal);
        Assert.Contains("empty(parameters('authAllowedPrincipals'))", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_app_registration_authentication_is_off_and_the_status_says_why()
    {
        var deployment = infrastructure.DevWebhook;
        var settings = AuthSettings(deployment);
        Assert.False(settings["platform"]!["enabled"]!.GetValue<bool>());
        Assert.Null(settings["identityProviders"]);
        Assert.StartsWith("OFF: enableEasyAuth is true but AUTH_CLIENT_ID is empty", deployment.Output(Status));
        var on = $"on (Microsoft Entra ID, app {CompiledInfrastructure.AuthClientId})";
        Assert.Equal(on, infrastructure.Production.Output(Status));
    }
}
