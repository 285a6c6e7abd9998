using CourseComments.Platform;

namespace CourseComments.Tests.Platform;

public class AzurePlatformTests
{
    private static AzurePlatform With(params string[] variables)
    {
        var set = variables.ToDictionary(v => v.Split('=')[0], v => v.Split('=')[1]);
        return new AzurePlatform(name => set.GetValueOrDefault(name));
    }

    [Theory]
    [InlineData("WEBSITE_INSTANCE_ID=abc")]
    [InlineData("WEBSITE_OWNER_NAME=sub+rg")]
    [InlineData("WEBSITE_SKU=FlexConsumption")]
    [InlineData("CONTAINER_NAME=c1", "WEBSITE_SITE_NAME=my-app")]
    public void Azure_is_recognised_by_the_variables_only_the_platform_sets(params string[] variables)
    {
        Assert.True(With(variables).IsAzure);
    }

    [Theory]
    [InlineData]
    [InlineData("CONTAINER_NAME=devcontainer")]
    [InlineData("WEBSITE_SITE_NAME=my-app")]
    [InlineData("WEBSITE_INSTANCE_ID=")]
    public void A_developer_machine_or_a_plain_container_is_not_Azure(params string[] variables)
    {
        Assert.False(With(variables).IsAzure);
    }

    [Theory]
    [InlineData(true, "WEBSITE_INSTANCE_ID=abc", "WEBSITE_AUTH_ENABLED=True")]
    [InlineData(false, "WEBSITE_INSTANCE_ID=abc", "WEBSITE_AUTH_ENABLED=False")]
    [InlineData(false, "WEBSITE_INSTANCE_ID=abc")]
    [InlineData(false, "WEBSITE_AUTH_ENABLED=True")]
    public void Easy_Auth_counts_only_when_the_platform_says_it_is_on(bool expected, params string[] variables)
    {
        Assert.Equal(expected, With(variables).IsEasyAuthEnabled);
    }
}
