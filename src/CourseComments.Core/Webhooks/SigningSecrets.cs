using System.Text;

namespace CourseComments.Webhooks;

/// <summary>The set of webhook signing secrets accepted right now, current first, with their HMAC keys.</summary>
public sealed class SigningSecrets
{
    public SigningSecrets(IReadOnlyList<string> secrets)
    {
        if (secrets.Count == 0 || secrets.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("At least one non-empty signing secret is required.", nameof(secrets));
        }

        Secrets = secrets;
        Keys = secrets.Select(Encoding.UTF8.GetBytes).ToArray();
    }

    /// <summary>The current secret: what the local Momento emulator signs with.</summary>
    public string Current => Secrets[0];

    public IReadOnlyList<string> Secrets { get; }

    /// <summary>UTF-8 bytes of each secret: Momento's HMAC key.</summary>
    public IReadOnlyList<byte[]> Keys { get; }
}
