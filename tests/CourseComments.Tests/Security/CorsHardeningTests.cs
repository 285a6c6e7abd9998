using System.Net;
using CourseComments.Tests.Support;
using Microsoft.AspNetCore.Http;
using static CourseComments.Tests.Tokens.TokenHost;

namespace CourseComments.Tests.Security;

/// <summary>Issue 17, item 8: outside local mode only https origins may be configured, "same origin" means the same
/// scheme, host and port, and Azure answers carry HSTS.</summary>
public class CorsHardeningTests
{
    private static readonly Dictionary<string, string?> MomentoMode = new() { ["Momento:Mode"] = "Momento" };

    [Fact]
    public async Task An_http_origin_stops_start_up_outside_local_mode()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(new Dictionary<string, string?>
        {
            ["Momento:Mode"] = "Momento",
            ["Cors:AllowedOrigins:0"] = "http://courses.example.com",
        }));

        Assert.Contains("must use https outside local mode", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http_origin_is_allowed_in_local_mode()
    {
        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = "http://courses.example.test:8080" });

        var response = await app.Client.SendAsync(LocalUser("alice", origin: "http://courses.example.test:8080"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_same_host_under_another_scheme_is_not_the_same_origin()
    {
        // The test server answers http://localhost; outside local mode loopback origins get no pass.
        await using var host = await StartAsync(MomentoMode);

        var otherScheme = await host.Client.SendAsync(TokenRequest(origin: "https://localhost"));
        var otherPort = await host.Client.SendAsync(TokenRequest(origin: "http://localhost:8080"));
        var sameOrigin = await host.Client.SendAsync(TokenRequest(origin: "http://localhost"));

        AssertProblem(otherScheme, StatusCodes.Status403Forbidden);
        AssertProblem(otherPort, StatusCodes.Status403Forbidden);
        AssertProblem(sameOrigin, StatusCodes.Status401Unauthorized); // past the origin check, then no identity
    }

    [Fact]
    public async Task In_Azure_the_page_served_over_https_by_this_host_is_the_same_origin()
    {
        await using var host = await StartAsync(MomentoMode, EasyAuthOn);

        var https = await host.Client.SendAsync(TokenRequest(origin: "https://localhost"));
        var http = await host.Client.SendAsync(TokenRequest(origin: "http://localhost"));

        AssertProblem(https, StatusCodes.Status401Unauthorized);
        AssertProblem(http, StatusCodes.Status403Forbidden);
    }

    [Fact]
    public async Task Azure_answers_carry_HSTS_and_local_ones_do_not()
    {
        await using var azure = await StartAsync(MomentoMode, EasyAuthOn);
        await using var local = await TestApp.StartAsync();

        var inAzure = await azure.Client.GetAsync("/api/courses/101/comments");
        var locally = await local.Client.GetAsync("/api/courses/101/comments");

        Assert.Equal("max-age=31536000; includeSubDomains",
            Assert.Single(inAzure.Headers.GetValues("Strict-Transport-Security")));
        Assert.False(locally.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Refused_origins_are_logged_by_the_endpoint_only_and_sampled()
    {
        await using var host = await StartAsync(MomentoMode);

        for (var i = 0; i < 20; i++)
        {
            await host.Client.SendAsync(TokenRequest(origin: $"https://evil-{i}.example.com"));
        }

        Assert.Single(host.LogEntries, entry => entry.Message.Contains("origin-not-allowed", StringComparison.Ordinal));
        Assert.DoesNotContain(host.LogEntries, entry => entry.Message.Contains("evil-", StringComparison.Ordinal));
    }
}
