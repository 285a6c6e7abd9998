using CourseComments.Identity;
using CourseComments.Profiles;

namespace CourseComments.Tests.Profiles;

/// <summary>Which Easy Auth claim becomes the display name, and which values never do.</summary>
public class PrincipalDisplayNameTests
{
    [Fact]
    public void The_name_claim_comes_first()
    {
        var principal = Principal(("preferred_username", "ada.l"), ("name", "Ada Lovelace"));

        Assert.Equal("Ada Lovelace", PrincipalDisplayName.From(principal));
    }

    [Fact]
    public void Without_a_name_claim_the_documented_order_is_followed()
    {
        Assert.Equal("Ada L", PrincipalDisplayName.From(Principal(
            ("nickname", "ada"), ("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "Ada L"))));
        Assert.Equal("ada.l", PrincipalDisplayName.From(
            Principal(("nickname", "ada"), ("preferred_username", "ada.l"))));
        Assert.Equal("ada", PrincipalDisplayName.From(Principal(("nickname", "ada"))));
    }

    [Fact]
    public void E_mail_addresses_object_ids_and_the_user_id_are_never_taken_as_names()
    {
        var principal = Principal(
            ("name", "ada@contoso.com"),
            ("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "6f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b"),
            ("preferred_username", "user-7"),
            ("nickname", "\u202Eada"));

        Assert.Null(PrincipalDisplayName.From(principal));
    }

    [Fact]
    public void A_principal_with_identity_claims_only_has_no_name()
    {
        var principal = Principal(
            ("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "ada@contoso.com"),
            (ClientPrincipal.ObjectIdentifierClaim, "6f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b"));

        Assert.Null(PrincipalDisplayName.From(principal));
    }

    private static ClientPrincipal Principal(params (string Type, string Value)[] claims) =>
        new("aad", [
            new(ClientPrincipal.NameIdentifierClaim, "user-7"),
            .. claims.Select(c => new ClientPrincipalClaim(c.Type, c.Value)),
        ]);
}
