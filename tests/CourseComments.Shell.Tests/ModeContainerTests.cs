using System.Reflection;
using CourseComments.Functions;
using CourseComments.Platform;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CourseComments.Shell.Tests;

/// <summary>
/// Each mode's container, as the Functions app composes it, built with the checks the hosts turn on
/// (<c>ValidateOnBuild</c>, <c>ValidateScopes</c>): every function (and so every endpoint behind it) and every hosted
/// service resolves from it. Azure is recognised as <see cref="AzurePlatform"/> does, by its environment variables.
/// </summary>
public sealed class ModeContainerTests
{
    private static readonly Dictionary<string, string?> NotAzure = [];

    private static readonly Dictionary<string, string?> InAzure = new()
    {
        ["WEBSITE_INSTANCE_ID"] = "instance-1",
        ["WEBSITE_SITE_NAME"] = "course-comments",
    };

    private static readonly Dictionary<string, string?> MomentoSettings = MomentoModeSettings.Create();

    private static readonly Dictionary<string, string?> LocalSettings = new() { ["Momento:Mode"] = "Local" };

    public static TheoryData<string, bool> RunnableModes() => new()
    {
        { "Local", false },
        { "Momento", false },
        { "Momento", true },
    };

    [Theory]
    [MemberData(nameof(RunnableModes))]
    public void Every_function_and_hosted_service_resolves(string mode, bool azure)
    {
        using var services = Compose(mode == "Local" ? LocalSettings : MomentoSettings, azure ? InAzure : NotAzure);

        var functions = FunctionClasses();
        Assert.NotEmpty(functions);
        foreach (var function in functions)
        {
            Assert.IsType(function, ActivatorUtilities.CreateInstance(services, function));
        }

        Assert.NotEmpty(services.GetServices<IHostedService>());
        Assert.Equal(Enum.Parse<MomentoMode>(mode), services.GetRequiredService<IOptions<MomentoOptions>>().Value.Mode);
    }

    [Fact]
    public void Local_mode_in_Azure_builds_but_refuses_to_serve()
    {
        using var services = Compose(LocalSettings, InAzure);

        var refusal = Assert.Throws<OptionsValidationException>(() =>
            ActivatorUtilities.CreateInstance(services, typeof(TokenIssuerFunction)));

        Assert.Contains("runs in Azure", refusal.Message, StringComparison.Ordinal);
    }

    /// <summary>Every class of the Functions app with a <c>[Function]</c> method.</summary>
    private static Type[] FunctionClasses() =>
        typeof(FunctionsComposition).Assembly.GetTypes()
            .Where(type => type.GetMethods().Any(method => method.GetCustomAttribute<FunctionAttribute>() is not null))
            .ToArray();

    private static ServiceProvider Compose(Dictionary<string, string?> settings, Dictionary<string, string?> variables)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddCourseCommentsFunctions(configuration);
        services.AddSingleton(new AzurePlatform(variables.GetValueOrDefault));
        return services.BuildServiceProvider(
            new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
