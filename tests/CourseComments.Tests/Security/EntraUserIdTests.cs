using System.Net;
using CourseComments.Identity;
using static CourseComments.Tests.Tokens.TokenHost;

namespace CourseComments.Tests.Security;

/// <summary>Issue 17, item 7 (app part): with Entra ID the author id is the tenant and object id pair, which is the
/// same for one person in every client application, not the pairwise name identifier.</summary>
public class EntraUserIdTests
{
    private const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string ObjectId = "0b7c2c4e-1f2a-4c55-9d1e-3f5a2b9c8d7e";

    private static readonly Dictionary<string, string?> MomentoMode = new() { ["Momento:Mode"] = "Momento" };

    [Fact]
    public async Task The_same_person_signed_in_through_two_client_applications_gets_one_token_id()
    {
        await using var host = await StartAsync(MomentoMode, EasyAuthOn);
        var viaWebApp = Principal(
            "aad",
            (ClientPrincipal.NameIdentifierClaim, "pairwise-sub-for-app-1"),
            (ClientPrincipal.TenantIdClaim, TenantId),
            (ClientPrincipal.ObjectIdentifierClaim, ObjectId));
        var viaOtherApp = Principal("aad", (ClientPrincipal.NameIdentifierClaim, "pairwise-sub-for-app-2"),
            ("tid", TenantId), ("oid", ObjectId));

        var first = await JsonAsync(await host.Client.SendAsync(TokenRequest(principal: viaWebApp)));
        var second = await JsonAsync(await host.Client.SendAsync(TokenRequest(principal: viaOtherApp)));

        var expected = UserTokenId.FromProvider("aad", $"{TenantId}/{ObjectId}");
        Assert.Equal(expected, first.GetProperty("tokenId").GetString());
        Assert.Equal(expected, second.GetProperty("tokenId").GetString());
    }

    [Fact]
    public async Task The_same_object_id_in_another_tenant_is_another_user()
    {
        await using var host = await StartAsync(MomentoMode, EasyAuthOn);

        var home = await host.Client.SendAsync(
            TokenRequest(principal: Principal("aad", ("tid", TenantId), ("oid", ObjectId))));
        var other = await host.Client.SendAsync(TokenRequest(
            principal: Principal("aad", ("tid", "11111111-1111-1111-1111-111111111111"), ("oid", ObjectId))));

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.NotEqual((await JsonAsync(home)).GetProperty("tokenId").GetString(), (await JsonAsync(other))
            .GetProperty("tokenId").GetString());
    }
}
