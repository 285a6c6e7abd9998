using System.Security.Cryptography;

namespace CourseComments.Webhooks;

/// <summary>Momento's webhook signature: lowercase hex HMAC-SHA3-256 of the raw body, keyed by the secret's UTF-8
/// bytes.</summary>
public static class WebhookSignature
{
    public const string HeaderName = "momento-signature";
    private const int HashBytes = 32;

    public static string Compute(byte[] key, ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[HashBytes];
        HMACSHA3_256.HashData(key, body, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>True when <paramref name="header"/> is the signature of <paramref name="body"/> under any accepted key.
    /// Every key is tried and compared in fixed time, so timing reveals neither the signature nor which key
    /// matched.</summary>
    public static bool IsValid(string? header, ReadOnlySpan<byte> body, SigningSecrets secrets)
    {
        Span<byte> presented = stackalloc byte[HashBytes];
        if (header is not { Length: HashBytes * 2 }
            || Convert.FromHexString(header, presented, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != HashBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HashBytes];
        var valid = false;
        for (var slot = 0; slot < secrets.Keys.Count; slot++)
        {
            var hmac = KeyedHmac(slot, secrets.Keys[slot]);
            hmac.AppendData(body);
            hmac.GetHashAndReset(expected);
            valid |= CryptographicOperations.FixedTimeEquals(expected, presented);
        }

        return valid;
    }

    // Setting an HMAC up with its key costs about as much as hashing 1 KB, so each thread keeps one keyed HMAC per
    // accepted key and reuses it (GetHashAndReset leaves it keyed and empty). A new SigningSecrets (a rotation or
    // a Key Vault refresh) brings new key arrays, which replace the old HMACs.
    [ThreadStatic]
    private static (byte[] Key, IncrementalHash Hmac)[]? keyedHmacs;

    private static IncrementalHash KeyedHmac(int slot, byte[] key)
    {
        if (keyedHmacs is null || keyedHmacs.Length <= slot)
        {
            Array.Resize(ref keyedHmacs, slot + 1);
        }

        ref var cached = ref keyedHmacs[slot];
        if (!ReferenceEquals(cached.Key, key))
        {
            cached.Hmac?.Dispose();
            cached = (key, IncrementalHash.CreateHMAC(HashAlgorithmName.SHA3_256, key));
        }

        return cached.Hmac;
    }
}
