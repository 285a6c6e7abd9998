using System.Net;
using System.Text;
using CourseComments.Identity;
using static CourseComments.Tests.Tokens.TokenHost;

namespace CourseComments.Tests.Tokens;

/// <summary>Who a token is for: the Easy Auth principal in Azure, a developer-chosen name in local mode, nobody
/// else.</summary>
public class TokenIdentityTests
{
    private const string NameIdentifier = ClientPrincipal.NameIdentifierClaim;
    private const string ObjectId = ClientPrincipal.ObjectIdentifierClaim;

    private static readonly Dictionary<string, string?> MomentoMode = new() { ["Momento:Mode"] = "Momento" };

    [Fact]
    public async Task With_Easy_Auth_on_the_token_id_is_the_provider_and_the_name_identifier()
    {
        await using var host = await StartAsync(MomentoMode, EasyAuthOn);
        var principal = Principal("aad", ("name", "Alice"), (ObjectId, "oid-1"), (NameIdentifier, "sub-Alice_1"));

        var response = await host.Client.SendAsync(TokenRequest(principal: principal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("aad:sub-Alice_1", (await JsonAsync(response)).GetProperty("tokenId").GetString());
        Assert.Equal("aad:sub-Alice_1", host.SingleMintRequest().TokenId);
    }

    [Fact]
    public async Task Without_a_name_identifier_the_object_id_is_used()
    {
        await using var host = await StartAsync(MomentoMode, EasyAuthOn);

        var response = await host.Client.SendAsync(
            TokenRequest(principal: Principal("aad", (ObjectId, "0b7c2c4e-1f2a-4c55-9d1e-3f5a2b9c8d7e"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("aad:0b7c2c4e-1f2a-4c55-9d1e-3f5a2b9c8d7e", host.SingleMintRequest().TokenId);
    }

    [Fact]
    public async Task A_name_in_the_body_is_ignored_when_Easy_Auth_names_the_caller()
    {
        await using var host = await StartAsync(MomentoMode, EasyAuthOn);

        var response = await host.Client.SendAsync(
            TokenRequest("""{"user":"mallory"}""", Principal("github", (NameIdentifier, "12345"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("github:12345", host.SingleMintRequest().TokenId);
    }

    public static TheoryData<string?> UnusablePrincipals => new()
    {
        null,
        "",
        "not base64 at all!",
        Convert.ToBase64String(Encoding.UTF8.GetBytes("not json")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"auth_typ":"aad"}""")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $$"""{"claims":[{"typ":"{{NameIdentifier}}","val":"x"}]}""")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $$"""{"auth_typ":"","claims":[{"typ":"{{NameIdentifier}}","val":"x"}]}""")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"auth_typ":"aad","claims":"x"}""")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $$"""{"auth_typ":"aad","claims":[{"typ":"{{NameIdentifier}}","val":7}]}""")),
        Principal("aad"),
        Principal("aad", ("name", "Alice"),
            ("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "alice@example.com")),
        Principal("aad", (NameIdentifier, "")),
    };

    [Theory]
    [MemberData(nameof(UnusablePrincipals))]
    public async Task A_missing_or_malformed_principal_is_401_and_mints_nothing(string? principal)
    {
        await using var host = await StartAsync(MomentoMode, EasyAuthOn);

        var response = await host.Client.SendAsync(TokenRequest("""{"user":"alice"}""", principal));

        AssertProblem(response, 401);
        Assert.Equal(0, host.MintCount);
    }

    [Fact]
    public async Task Principal_headers_are_not_trusted_while_Easy_Auth_is_off()
    {
        await using var host = await StartAsync(MomentoMode, EasyAuthOff);
        var request = TokenRequest(principal: Principal("aad", (NameIdentifier, "admin")));
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL-ID", "admin");
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL-IDP", "aad");

        var response = await host.Client.SendAsync(request);

        AssertProblem(response, 401);
        Assert.Equal(0, host.MintCount);
    }

    [Fact]
    public async Task Local_mode_ignores_principal_headers()
    {
        await using var host = await StartAsync();

        var response = await host.Client.SendAsync(
            TokenRequest(principal: Principal("aad", (NameIdentifier, "admin"))));

        AssertProblem(response, 401);
        Assert.Equal(0, host.MintCount);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("bob.smith@example.com")]
    [InlineData("mo-the_squirrel.2")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task In_local_mode_a_developer_names_the_user(string name)
    {
        await using var host = await StartAsync();

        var response = await host.Client.SendAsync(LocalUser(name));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(name, (await JsonAsync(response)).GetProperty("tokenId").GetString());
        Assert.Equal(name, host.SingleMintRequest().TokenId);
    }

    [Theory]
    [InlineData("""{"user":""}""")]
    [InlineData("""{"user":"alice smith"}""")]
    [InlineData("""{"user":"alice\n"}""")]
    [InlineData("""{"user":"<script>"}""")]
    [InlineData("""{"user":"aad:admin"}""")]
    [InlineData("""{"user":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}""")]
    [InlineData("""{"user":42}""")]
    [InlineData("""{"user":"alice","user":"bob"}""")]
    [InlineData("""alice""")]
    [InlineData("""[]""")]
    public async Task In_local_mode_a_bad_name_is_400(string body)
    {
        await using var host = await StartAsync();

        var response = await host.Client.SendAsync(TokenRequest(body));

        AssertProblem(response, 400);
        Assert.Equal(0, host.MintCount);
    }

    [Fact]
    public async Task In_local_mode_a_body_over_1_KB_is_400()
    {
        await using var host = await StartAsync();

        var response = await host.Client.SendAsync(
            TokenRequest($$"""{"user":"alice","padding":"{{new string('x', 1024)}}"}"""));

        AssertProblem(response, 400);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{}")]
    [InlineData("""{"user":null}""")]
    [InlineData("""{"name":"alice"}""")]
    [InlineData("\uFEFF{}")]
    public async Task In_local_mode_no_name_is_401(string? body)
    {
        await using var host = await StartAsync();

        var response = await host.Client.SendAsync(TokenRequest(body));

        AssertProblem(response, 401);
        Assert.Equal(0, host.MintCount);
    }

    [Fact]
    public async Task In_local_mode_a_name_after_a_byte_order_mark_is_read()
    {
        await using var host = await StartAsync();

        var response = await host.Client.SendAsync(TokenRequest("\uFEFF{\"user\":\"alice\"}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alice", host.SingleMintRequest().TokenId);
    }

    [Fact]
    public async Task An_Easy_Auth_principal_with_200_group_claims_gets_a_token()
    {
        // Entra ID sends up to 200 group claims before switching to an overage claim: about 18 KB of header.
        await using var host = await StartAsync(MomentoMode, EasyAuthOn);
        var groups = Enumerable.Range(0, 200).Select(i => ("groups", Guid.NewGuid().ToString())).ToArray();
        var principal = Principal("aad", [(NameIdentifier, "sub-many-groups"), .. groups]);
        Assert.True(principal.Length > 16 * 1024);

        var response = await host.Client.SendAsync(TokenRequest(principal: principal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("aad:sub-many-groups", host.SingleMintRequest().TokenId);
    }

    [Fact]
    public async Task Outside_local_mode_a_name_in_the_body_is_ignored()
    {
        await using var host = await StartAsync(MomentoMode);

        var response = await host.Client.SendAsync(LocalUser("alice"));

        AssertProblem(response, 401);
        Assert.Equal(0, host.MintCount);
    }

    [Fact]
    public async Task A_provider_id_too_long_for_a_token_id_becomes_a_stable_short_one()
    {
        await using var host = await StartAsync(MomentoMode, EasyAuthOn);
        var longId = new string('7', 100);

        var first = await JsonAsync(
            await host.Client.SendAsync(TokenRequest(principal: Principal("google", (NameIdentifier, longId)))));
        var again = await JsonAsync(
            await host.Client.SendAsync(TokenRequest(principal: Principal("google", (NameIdentifier, longId)))));

        var tokenId = first.GetProperty("tokenId").GetString()!;
        Assert.StartsWith("google#", tokenId);
        Assert.True(tokenId.Length <= 64);
        Assert.Equal(tokenId, again.GetProperty("tokenId").GetString());
        Assert.Equal(1, host.MintCount);
    }
}
