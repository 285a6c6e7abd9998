using System.Text;
using CourseComments.Webhooks;

namespace CourseComments.Tests.Webhooks;

public class SignatureVectorTests
{
    private static readonly byte[] VectorBody = Encoding.UTF8.GetBytes(
        """{"text":"some text", "another_field": "another field" }""");

    [Fact]
    public void Computes_the_reference_vector()
    {
        var signature = WebhookSignature.Compute(Encoding.UTF8.GetBytes("1234567890"), VectorBody);
        Assert.Equal("b43f72787eb66410ff110295b036ef828e5686af21b414ce092f02c05deea3da", signature);
    }

    [Theory]
    [InlineData("b43f72787eb66410ff110295b036ef828e5686af21b414ce092f02c05deea3da", true)]
    [InlineData("this signature is incorrect", false)]
    [InlineData("b43f72787eb66410ff110295b036ef828e5686af21b414ce092f02c05deea3db", false)]
    [InlineData("b43f72787eb66410ff110295b036ef828e5686af21b414ce092f02c05deea3", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Verifies_against_the_reference_vector(string? header, bool expected)
    {
        Assert.Equal(expected, WebhookSignature.IsValid(header, VectorBody, new SigningSecrets(["1234567890"])));
    }
}
