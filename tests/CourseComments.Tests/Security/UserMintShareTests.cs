using System.Net;
using Microsoft.AspNetCore.Http;
using CourseComments.Tokens;
using static CourseComments.Tests.Tokens.TokenHost;

namespace CourseComments.Tests.Security;

/// <summary>Issue 17, item 1: one signed-in user cannot spend the mint budget everyone shares.</summary>
public class UserMintShareTests
{
    [Fact]
    public async Task A_user_forcing_replacements_is_refused_while_other_users_still_get_tokens()
    {
        await using var host = await StartAsync(new Dictionary<string, string?>
        {
            ["Tokens:UserMintInterval"] = "00:01:00",
            ["Tokens:MaxMintsPerSecond"] = "4",
        });
        var first = await host.Client.SendAsync(LocalUser("mallory"));
        var current = (await JsonAsync(first)).GetProperty("token").GetString()!;

        var forced = new List<HttpResponseMessage>();
        for (var i = 0; i < 20; i++)
        {
            var response = await host.Client.SendAsync(Replacing("mallory", TokenIssuer.Fingerprint(current)));
            forced.Add(response);
            if (response.IsSuccessStatusCode)
            {
                current = (await JsonAsync(response)).GetProperty("token").GetString()!;
            }
        }

        var others = new List<HttpResponseMessage>();
        foreach (var user in new[] { "alice", "bob", "carol" })
        {
            others.Add(await host.Client.SendAsync(LocalUser(user)));
        }

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.All(forced, response =>
        {
            AssertProblem(response, StatusCodes.Status429TooManyRequests);
            var retryAfter = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")));
            Assert.InRange(retryAfter, 1, 60);
        });
        Assert.Contains("user-throttled", await forced[0].Content.ReadAsStringAsync());
        Assert.All(others, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(4, host.MintCount);
    }

    [Fact]
    public async Task A_user_whose_share_is_spent_still_gets_the_cached_token()
    {
        await using var host = await StartAsync(
            new Dictionary<string, string?> { ["Tokens:UserMintInterval"] = "00:01:00" });
        var first = await JsonAsync(await host.Client.SendAsync(LocalUser("alice")));

        var again = await host.Client.SendAsync(LocalUser("alice"));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.GetProperty("token").GetString(), (await JsonAsync(again)).GetProperty("token").GetString());
        Assert.Equal(1, host.MintCount);
    }

    [Fact]
    public async Task Repeating_a_replace_request_never_mints_again_even_within_the_same_second()
    {
        await using var host = await StartAsync();
        var first = await JsonAsync(await host.Client.SendAsync(LocalUser("alice")));
        var refused = TokenIssuer.Fingerprint(first.GetProperty("token").GetString()!);

        var replaced = await host.Client.SendAsync(Replacing("alice", refused));
        var repeated = await host.Client.SendAsync(Replacing("alice", refused));

        // Same clock reading: both tokens expire in the same second, so an expiry could not tell them apart.
        Assert.Equal(first.GetProperty("expiresAt").GetString(), (await JsonAsync(replaced)).GetProperty("expiresAt")
            .GetString());
        Assert.Equal((await JsonAsync(replaced)).GetProperty("token").GetString(), (await JsonAsync(repeated))
            .GetProperty("token").GetString());
        Assert.Equal(2, host.MintCount);
    }

    [Fact]
    public void A_fingerprint_is_the_unpadded_base64url_SHA256_of_the_token()
    {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad (FIPS 180-2, appendix B.1).
        Assert.Equal("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0", TokenIssuer.Fingerprint("abc"));
    }

    private static HttpRequestMessage Replacing(string user, string fingerprint)
    {
        var request = LocalUser(user);
        request.RequestUri = new Uri($"/api/tokens?replace={Uri.EscapeDataString(fingerprint)}", UriKind.Relative);
        return request;
    }
}
