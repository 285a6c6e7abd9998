using CourseComments.Comments;
using CourseComments.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CourseComments.Functions;

/// <summary>A course's comments, newest first. Anonymous: comments are public.</summary>
public sealed class ReadCommentsFunction(ReadCommentsEndpoint endpoint)
{
    [Function("ReadComments")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.CourseComments)] HttpRequest request,
        string courseId,
        CancellationToken cancellationToken) =>
        endpoint.HandleAsync(request, courseId, cancellationToken);
}
