using CourseComments.Functions;
using CourseComments.Platform;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CourseComments.Shell.Tests;

/// <summary>The Functions host as Program.cs builds it (built, not run: running needs the Functions host).</summary>
public sealed class FunctionsHostTests
{
    [Theory]
    [InlineData("Local")]
    [InlineData("Momento")]
    public void The_host_builds_with_its_container_checked(string mode)
    {
        var builder = Builder(mode);

        using var host = builder.Build();

        Assert.NotNull(host.Services.GetRequiredService<WebhookFunction>());
    }

    [Fact]
    public void The_container_check_is_on_a_registration_that_cannot_be_built_stops_the_host()
    {
        var builder = Builder("Local");
        builder.Services.AddSingleton<NeedsAnUnregisteredService>();

        var failure = Assert.ThrowsAny<Exception>(() => builder.Build());

        Assert.Contains(nameof(NeedsAnUnregisteredService), failure.ToString(), StringComparison.Ordinal);
    }

    private static FunctionsApplicationBuilder Builder(string mode)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration["Momento:Mode"] = mode;
        builder.Configuration["KeyVault:VaultUri"] = "https://test-vault.vault.azure.net/";
        builder.AddCourseCommentsHost();
        builder.Services.AddSingleton(new AzurePlatform(_ => null));
        builder.Services.AddSingleton<WebhookFunction>();
        return builder;
    }

    private interface IUnregistered;

    private sealed class NeedsAnUnregisteredService(IUnregistered service)
    {
        public IUnregistered Service { get; } = service;
    }
}
