namespace CourseComments.Tests.Hostile;

/// <summary>One generated attack and the answer the webhook documents for it.</summary>
/// <param name="Signatures">Values of the momento-signature header; none means the header is absent.</param>
/// <param name="UnknownLength">Sent without Content-Length (chunked), so only reading can find the size.</param>
internal sealed record HostileRequest(
    string Category,
    string Variant,
    byte[] Body,
    IReadOnlyList<string> Signatures,
    bool UnknownLength,
    int ExpectedStatus,
    string ExpectedCode)
{
    public override string ToString() =>
        $"{Category}/{Variant} ({Body.Length} bytes) expecting {ExpectedStatus} {ExpectedCode}";
}
