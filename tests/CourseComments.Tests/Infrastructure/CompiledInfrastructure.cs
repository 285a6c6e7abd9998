using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CourseComments.Tests.Infrastructure;

/// <summary>The infrastructure tests share one compilation of infra/main.bicep per test run.</summary>
[CollectionDefinition(Name)]
public sealed class CompiledInfrastructureCollection : ICollectionFixture<CompiledInfrastructure>
{
    public const string Name = "Compiled infrastructure";
}

/// <summary>
/// infra/main.bicep compiled once with the Bicep CLI (<c>bicep build</c>: the ARM template and the compiler's and
/// linter's diagnostics), and two deployments of it predicted by <c>bicep snapshot</c> with the parameter files below.
/// The three runs go in parallel; together they take a few seconds.
/// </summary>
public sealed class CompiledInfrastructure : IAsyncLifetime
{
    public const string SubscriptionId = "11111111-1111-4111-8111-111111111111";
    public const string TenantId = "22222222-2222-4222-8222-222222222222";
    public const string DeployerId = "33333333-3333-4333-8333-333333333333";
    public const string AuthClientId = "44444444-4444-4444-8444-444444444444";
    public const string OtherClientId = "55555555-5555-4555-8555-555555555555";
    public const string AllowedPrincipalId = "66666666-6666-4666-8666-666666666666";
    public const string Location = "swedencentral";

    /// <summary>Values no template text contains: finding one anywhere means a secret travelled there.</summary>
    public const string MomentoApiKeyValue = "sentinel-momento-api-key-5f1c";
    public const string SigningSecretValue = "sentinel-webhook-signing-secret-9a7e";

    /// <summary>A production deployment as the README sets it up: every optional parameter left at its default
    /// except the deployer, Easy Auth's registration and lists, CORS origins and two always-ready instances.</summary>
    internal static readonly IReadOnlyDictionary<string, object> ProductionParameters = new Dictionary<string, object>
    {
        ["environmentName"] = "ci",
        ["location"] = Location,
        ["momentoApiKey"] = MomentoApiKeyValue,
        ["webhookSigningSecret"] = SigningSecretValue,
        ["principalId"] = DeployerId,
        ["authClientId"] = AuthClientId,
        ["corsAllowedOrigins"] = " https://courses.example.com , https://www.example.org,",
        ["authAllowedApplications"] = $"{AuthClientId}, {OtherClientId}",
        ["authAllowedPrincipals"] = AllowedPrincipalId,
        ["alwaysReadyInstances"] = 2,
    };

    /// <summary>A dev environment delivering by webhook, with no deployer and no app registration yet.</summary>
    internal static readonly IReadOnlyDictionary<string, object> DevWebhookParameters = new Dictionary<string, object>
    {
        ["environmentName"] = "ci-dev",
        ["location"] = Location,
        ["momentoApiKey"] = MomentoApiKeyValue,
        ["webhookSigningSecret"] = SigningSecretValue,
        ["environmentType"] = "dev",
        ["deliveryMode"] = "Webhook",
        ["alwaysReadyInstances"] = 2,
    };

    private string? workDirectory;

    internal ArmTemplate Template { get; private set; } = null!;

    /// <summary>Everything the compiler and linter said about infra/main.bicep and the modules it calls.</summary>
    internal IReadOnlyList<string> BuildDiagnostics { get; private set; } = [];

    internal DeploymentSnapshot Production { get; private set; } = null!;

    internal DeploymentSnapshot DevWebhook { get; private set; } = null!;

    /// <summary>How long compiling and predicting took (wall clock).</summary>
    public TimeSpan Elapsed { get; private set; }

    public async Task InitializeAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        workDirectory = Directory.CreateTempSubdirectory("course-comments-bicep-").FullName;
        var main = RepoFiles.PathOf("infra/main.bicep");

        var build = BicepCompiler.RunAsync(workDirectory, "build", main, "--stdout");
        var production = SnapshotAsync(main, "production", ProductionParameters);
        var devWebhook = SnapshotAsync(main, "dev-webhook", DevWebhookParameters);

        var built = await build;
        if (built.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"bicep build infra/main.bicep failed:\n{string.Join('\n', built.Diagnostics)}");
        }

        BuildDiagnostics = built.Diagnostics;
        Template = new ArmTemplate(JsonNode.Parse(built.Output)!.AsObject(), "main");
        Production = await production;
        DevWebhook = await devWebhook;
        Elapsed = stopwatch.Elapsed;
    }

    public Task DisposeAsync()
    {
        if (workDirectory is not null)
        {
            Directory.Delete(workDirectory, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>Writes a .bicepparam file for <paramref name="parameters"/> and predicts that deployment.</summary>
    private async Task<DeploymentSnapshot> SnapshotAsync(
        string main, string name, IReadOnlyDictionary<string, object> parameters)
    {
        var folder = Directory.CreateDirectory(Path.Combine(workDirectory!, name)).FullName;
        // A .bicepparam file names its template by a relative path.
        var parameterFile = new StringBuilder($"using '{Path.GetRelativePath(folder, main).Replace('\\', '/')}'\n");
        foreach (var (parameter, value) in parameters)
        {
            parameterFile.Append(CultureInfo.InvariantCulture, $"param {parameter} = {Literal(value)}\n");
        }

        var path = Path.Combine(folder, "main.bicepparam");
        await File.WriteAllTextAsync(path, parameterFile.ToString());
        var run = await BicepCompiler.RunAsync(folder, "snapshot", path, "--mode", "overwrite",
            "--subscription-id", SubscriptionId, "--tenant-id", TenantId, "--location", Location);
        var snapshot = Path.Combine(folder, "main.snapshot.json");
        if (run.ExitCode != 0 || !File.Exists(snapshot))
        {
            throw new InvalidOperationException(
                $"bicep snapshot ({name}) failed:\n{string.Join('\n', run.Diagnostics)}");
        }

        return new DeploymentSnapshot(JsonNode.Parse(await File.ReadAllTextAsync(snapshot))!.AsObject());
    }

    private static string Literal(object value) => value switch
    {
        string text => $"'{text.Replace("\\", "\\\\").Replace("'", "\\'").Replace("${", "\\${")}'",
        bool flag => flag ? "true" : "false",
        int number => number.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"No Bicep literal for {value.GetType()}.", nameof(value)),
    };
}
