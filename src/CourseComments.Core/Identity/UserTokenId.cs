using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CourseComments.Identity;

/// <summary>
/// The id a user's tokens carry as Momento's <c>tokenId</c>, which the webhook later trusts as the comment's author.
/// At most 64 characters (the bound Momento's SDKs enforce), and the same for the same user every time.
/// </summary>
public static partial class UserTokenId
{
    public const int MaxLength = 64;

    /// <summary>
    /// From an Easy Auth provider (<c>auth_typ</c>) and that provider's user id: <c>provider:id</c> when both are
    /// made of safe characters and the whole fits in 64; otherwise <c>provider#</c> plus the unpadded base64url
    /// SHA-256 of <c>provider</c>, a NUL and <c>id</c> (43 characters), or that hash alone after <c>#</c> when the
    /// provider itself is unsafe or over 20 characters. The provider is part of every form, so two providers'
    /// users never share an id, and <c>#</c> never appears in the plain form, so a hashed id never equals a plain one.
    /// </summary>
    public static string FromProvider(string provider, string providerUserId)
    {
        var plain = $"{provider}:{providerUserId}";
        if (plain.Length <= MaxLength && SafeCharacters().IsMatch(provider) && SafeCharacters().IsMatch(providerUserId))
        {
            return plain;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{provider}\0{providerUserId}"));
        var digest = Base64Url.EncodeToString(hash);
        return SafeCharacters().IsMatch(provider) && provider.Length <= 20 ? $"{provider}#{digest}" : $"#{digest}";
    }

    /// <summary>A developer-chosen name in local mode: used as it is, so it must already be safe and short.</summary>
    public static bool IsValidLocalName(string name) => name.Length <= MaxLength && SafeCharacters().IsMatch(name);

    /// <summary>Letters, digits and <c>_ . @ -</c>: nothing that needs escaping in JSON, URLs, logs or HTML.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_.@-]+\z")]
    private static partial Regex SafeCharacters();
}
