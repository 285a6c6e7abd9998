using System.ComponentModel.DataAnnotations;
using CourseComments.Platform;
using Microsoft.Extensions.Options;

namespace CourseComments.LocalMomento;

/// <summary>Settings of the local Momento stand-in (section <c>LocalMomento</c>); bound only in local mode.</summary>
public sealed class LocalMomentoOptions : IValidatableObject
{
    public const string Section = "LocalMomento";

    /// <summary>Where the stand-in delivers webhook events. Unset: this app's own <c>/api/webhook</c> at the address
    /// the server listens on (see <see cref="LocalAddresses"/>).</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>The origin browsers reach this app at; tokens point them to <c>{PublicBaseUrl}/api/local-momento</c>.
    /// Unset: the address the server listens on.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Optional file that keeps the comment lists across restarts; unset, comments live in memory only.</summary>
    public string? DataFile { get; set; }

    /// <summary>Published messages waiting for delivery; a publish beyond this is refused with 429.</summary>
    [Range(1, 100_000)]
    public int DeliveryQueueCapacity { get; set; } = 1000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, url) in new[] { (nameof(WebhookUrl), WebhookUrl), (nameof(PublicBaseUrl), PublicBaseUrl) })
        {
            if (url is not null
                && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
            {
                yield return new ValidationResult($"LocalMomento:{name} must be an absolute http or https URL.", [name]);
            }
        }
    }
}

/// <summary>Start-up check: the stand-in's settings never take effect in Azure, whatever Momento:Mode says.</summary>
public sealed class LocalMomentoOutsideAzure(AzurePlatform platform) : IValidateOptions<LocalMomentoOptions>
{
    public ValidateOptionsResult Validate(string? name, LocalMomentoOptions options) =>
        platform.IsAzure
            ? ValidateOptionsResult.Fail("The local Momento stand-in cannot run in Azure: set Momento:Mode to Momento.")
            : ValidateOptionsResult.Success;
}
