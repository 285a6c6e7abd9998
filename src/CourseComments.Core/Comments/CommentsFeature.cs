using CourseComments.Http;
using CourseComments.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Comments;

/// <summary>Registrations of the comment list: writing once and reading back.</summary>
public static class CommentsFeature
{
    /// <summary>The writer (its pushes, author windows, and settlement of late pushes and claims) and the read
    /// endpoint (the intake rules are the delivery feature's). The <see cref="ICommentStore"/> port is the host's to
    /// register (the Momento.Sdk adapters).</summary>
    public static IServiceCollection AddComments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<CommentsOptions>(configuration, CommentsOptions.Section);
        services.AddValidatedOptions<IntakeOptions>(configuration, IntakeOptions.Section);
        services.AddSingleton<CommentWriter>();
        services.AddSingleton<CourseListPushes>();
        services.AddSingleton<AuthorWindows>();
        services.AddSingleton<LatePushes>();
        services.AddSingleton<LateClaims>();
        services.AddSingleton<ReadCommentsEndpoint>();
        return services;
    }

    /// <summary>Maps <see cref="ApiRoutes.CourseComments"/> on <paramref name="api"/>.</summary>
    public static IEndpointRouteBuilder MapComments(this IEndpointRouteBuilder api)
    {
        api.MapGet(ApiRoutes.CourseComments,
            (HttpRequest request, string courseId, ReadCommentsEndpoint endpoint, CancellationToken ct) =>
                endpoint.HandleAsync(request, courseId, ct));
        return api;
    }
}
