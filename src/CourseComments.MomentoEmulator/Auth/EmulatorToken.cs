using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CourseComments.MomentoEmulator.Hosting;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using Momento.Protos.PermissionMessages;

namespace CourseComments.MomentoEmulator.Auth;

/// <summary>What a disposable token grants: Momento's explicit permissions, an expiry and the token id that
/// subscribers see as each message's publisher.</summary>
public sealed record TokenGrant(ExplicitPermissions Permissions, DateTimeOffset ExpiresAt, string TokenId);

/// <summary>The signed part of an emulator token (JSON; <c>perm</c> is the protobuf encoding of the
/// permissions).</summary>
internal sealed record TokenClaims(
    [property: JsonPropertyName("exp")] long ExpiresAtUnixSeconds,
    [property: JsonPropertyName("tid")] string TokenId,
    [property: JsonPropertyName("perm")] byte[] Permissions);

/// <summary>Momento's token envelope, as <c>GenerateDisposableTokenResponse.Success.AuthToken</c> builds it.</summary>
internal sealed record TokenEnvelope(
    [property: JsonPropertyName("endpoint")] string? Endpoint,
    [property: JsonPropertyName("api_key")] string? ApiKey);

[JsonSerializable(typeof(TokenClaims))]
[JsonSerializable(typeof(TokenEnvelope))]
internal sealed partial class TokenJsonContext : JsonSerializerContext;

/// <summary>
/// The emulator's disposable tokens (the <c>api_key</c> of Momento's token responses):
/// <c>emu1.base64url(claims).base64url(HMAC-SHA256(key, "emu1." + first part))</c>. Only a token this emulator
/// signed is accepted; the key is configured or random per process.
/// </summary>
public sealed class EmulatorTokenCodec
{
    private const string Prefix = "emu1.";
    private const int MaxTokenLength = 8192;
    private readonly byte[] key;

    public EmulatorTokenCodec(IOptions<EmulatorOptions> options)
    {
        key = options.Value.TokenSigningKey is { } configured
            ? Convert.FromBase64String(configured)
            : RandomNumberGenerator.GetBytes(32);
    }

    public string Encode(TokenGrant grant)
    {
        var claims = new TokenClaims(grant.ExpiresAt.ToUnixTimeSeconds(), grant.TokenId,
            grant.Permissions.ToByteArray());
        var signed = Prefix + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims,
            TokenJsonContext.Default.TokenClaims));
        return signed + "." + Base64Url.EncodeToString(Mac(signed));
    }

    /// <returns>The grant when the token is well-formed and signed with this emulator's key (expiry is the caller's
    /// check), else null.</returns>
    public TokenGrant? Decode(string token)
    {
        var dot = token.LastIndexOf('.');
        if (token.Length > MaxTokenLength || !token.StartsWith(Prefix, StringComparison.Ordinal)
            || dot <= Prefix.Length)
        {
            return null;
        }

        var signed = token[..dot];
        try
        {
            Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes + 1];
            if (!Base64Url.TryDecodeFromChars(token.AsSpan(dot + 1), presented, out var written)
                || !CryptographicOperations.FixedTimeEquals(Mac(signed), presented[..written]))
            {
                return null;
            }

            var claims = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(signed.AsSpan(Prefix.Length)),
                TokenJsonContext.Default.TokenClaims);
            return claims is null
                ? null
                : new TokenGrant(
                    ExplicitPermissions.Parser.ParseFrom(claims.Permissions),
                    DateTimeOffset.FromUnixTimeSeconds(claims.ExpiresAtUnixSeconds),
                    claims.TokenId);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidProtocolBufferException)
        {
            // Base64Url.TryDecodeFromChars throws, rather than returning false, on characters outside the alphabet.
            return null;
        }
    }

    /// <summary>The <c>api_key</c> of a base64 <c>{"endpoint","api_key"}</c> envelope; any other credential as
    /// given.</summary>
    public static string Unwrap(string credential)
    {
        if (credential.StartsWith(Prefix, StringComparison.Ordinal) || credential.Length > MaxTokenLength * 2)
        {
            return credential;
        }

        try
        {
            var envelope = JsonSerializer.Deserialize(Convert.FromBase64String(credential),
                TokenJsonContext.Default.TokenEnvelope);
            return envelope?.ApiKey ?? credential;
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return credential;
        }
    }

    private byte[] Mac(string signed) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signed));
}
