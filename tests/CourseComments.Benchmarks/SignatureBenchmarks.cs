using System.Text;
using BenchmarkDotNet.Attributes;
using CourseComments.Webhooks;

namespace CourseComments.Benchmarks;

/// <summary>Verifying the momento-signature of a 4 KB body (Momento's largest message), with one secret and during a
/// rotation.</summary>
[MemoryDiagnoser]
public class SignatureBenchmarks
{
    private readonly byte[] body = new byte[4096];
    private SigningSecrets oneSecret = null!;
    private SigningSecrets rotating = null!;
    private string header = null!;

    [GlobalSetup]
    public void Setup()
    {
        new Random(4096).NextBytes(body);
        oneSecret = new SigningSecrets(["current-signing-secret"]);
        rotating = new SigningSecrets(["current-signing-secret", "previous-signing-secret"]);
        header = WebhookSignature.Compute(Encoding.UTF8.GetBytes("current-signing-secret"), body);
        if (!WebhookSignature.IsValid(header, body, oneSecret))
        {
            throw new InvalidOperationException("The benchmark's signature does not verify.");
        }
    }

    [Benchmark(Baseline = true)]
    public bool Verify4KB() => WebhookSignature.IsValid(header, body, oneSecret);

    [Benchmark]
    public bool Verify4KBDuringRotation() => WebhookSignature.IsValid(header, body, rotating);
}
