using System.Net;
using CourseComments.Tokens;
using Microsoft.Extensions.Options;
using static CourseComments.Tests.Tokens.TokenHost;

namespace CourseComments.Tests.Tokens;

/// <summary>Which browser origins may ask for tokens, on the dev server and test hosts (in Azure the platform's CORS
/// answers).</summary>
public class TokenCorsTests
{
    private const string Allowed = "https://courses.example.com";

    private static readonly Dictionary<string, string?> MomentoWithOrigin = new()
    {
        ["Momento:Mode"] = "Momento",
        ["Cors:AllowedOrigins:0"] = Allowed,
    };

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_is_answered()
    {
        await using var host = await StartAsync(MomentoWithOrigin, EasyAuthOn);

        var response = await host.Client.SendAsync(Preflight(Allowed));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Allowed, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("POST", Header(response, "Access-Control-Allow-Methods"));
        Assert.Contains("Content-Type", Header(response, "Access-Control-Allow-Headers"));
        Assert.Contains("Origin", response.Headers.Vary);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Theory]
    [InlineData("https://evil.example.com")]
    [InlineData("https://courses.example.com.evil.example")]
    [InlineData("http://courses.example.com")]
    [InlineData("https://courses.example.com:8443")]
    [InlineData("http://localhost:5173")]
    [InlineData("null")]
    public async Task A_preflight_from_any_other_origin_is_refused(string origin)
    {
        await using var host = await StartAsync(MomentoWithOrigin, EasyAuthOn);

        var response = await host.Client.SendAsync(Preflight(origin));

        AssertProblem(response, 403);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_preflight_for_another_method_is_refused()
    {
        await using var host = await StartAsync(MomentoWithOrigin, EasyAuthOn);

        var response = await host.Client.SendAsync(Preflight(Allowed, "DELETE"));

        AssertProblem(response, 403);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_post_from_an_allowed_origin_is_readable_by_it()
    {
        await using var host = await StartAsync(MomentoWithOrigin, EasyAuthOn);

        var response = await host.Client.SendAsync(TokenRequest(
            principal: Principal("aad", (Identity.ClientPrincipal.NameIdentifierClaim, "u1")), origin: Allowed));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Allowed, Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_post_from_a_refused_origin_mints_nothing()
    {
        await using var host = await StartAsync(MomentoWithOrigin, EasyAuthOn);

        var response = await host.Client.SendAsync(TokenRequest(principal: Principal(
            "aad", (Identity.ClientPrincipal.NameIdentifierClaim, "u1")), origin: "https://evil.example.com"));

        AssertProblem(response, 403);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(0, host.MintCount);
    }

    [Fact]
    public async Task A_page_served_by_the_app_itself_is_same_origin()
    {
        await using var host = await StartAsync(
            new Dictionary<string, string?> { ["Momento:Mode"] = "Momento" }, EasyAuthOn);
        var request = TokenRequest(principal: Principal("aad", (Identity.ClientPrincipal.NameIdentifierClaim, "u1")),
            origin: "https://comments.azurewebsites.net");
        request.Headers.Host = "comments.azurewebsites.net";

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Credentials_are_allowed_only_when_configured()
    {
        await using var host = await StartAsync(
            new Dictionary<string, string?>(MomentoWithOrigin) { ["Cors:AllowCredentials"] = "true" }, EasyAuthOn);

        var response = await host.Client.SendAsync(Preflight(Allowed));

        Assert.Equal("true", Header(response, "Access-Control-Allow-Credentials"));
    }

    [Theory]
    [InlineData("http://localhost:5173")]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://[::1]:3000")]
    public async Task Local_mode_allows_loopback_origins_without_configuration(string origin)
    {
        await using var host = await StartAsync();

        var preflight = await host.Client.SendAsync(Preflight(origin));
        var post = await host.Client.SendAsync(LocalUser("alice", origin));

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(origin, Header(post, "Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
    }

    [Fact]
    public async Task Local_mode_refuses_other_origins_unless_listed()
    {
        await using var host = await StartAsync();

        AssertProblem(await host.Client.SendAsync(Preflight("https://evil.example.com")), 403);
    }

    [Fact]
    public async Task Local_mode_may_allow_any_origin()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = "*" });

        var response = await host.Client.SendAsync(Preflight("https://anywhere.example.com"));

        Assert.Equal("https://anywhere.example.com", Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_wildcard_outside_local_mode_stops_the_app_at_start_up()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(
            new Dictionary<string, string?> { ["Momento:Mode"] = "Momento", ["Cors:AllowedOrigins:0"] = "*" },
                EasyAuthOn));

        Assert.Contains("'*'", failure.Message);
    }

    [Theory]
    [InlineData("courses.example.com")]
    [InlineData("https://courses.example.com/app")]
    [InlineData("ftp://courses.example.com")]
    [InlineData("https://courses.example.com?x=1")]
    public async Task An_origin_that_is_not_scheme_host_port_stops_the_app_at_start_up(string origin)
    {
        await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(
            new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = origin }));
    }

    [Fact]
    public void Origins_are_compared_as_browsers_send_them()
    {
        Assert.Equal("https://courses.example.com", TokenCors.Normalize("HTTPS://Courses.Example.com:443/"));
        Assert.Equal("http://localhost:5173", TokenCors.Normalize("http://localhost:5173"));
    }

    private static HttpRequestMessage Preflight(string origin, string method = "POST")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/tokens");
        request.Headers.TryAddWithoutValidation("Origin", origin);
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Method", method);
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", "content-type");
        return request;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        string.Join(",", response.Headers.GetValues(name));
}
