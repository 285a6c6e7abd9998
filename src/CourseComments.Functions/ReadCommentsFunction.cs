using CourseComments.Comments;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CourseComments.Functions;

/// <summary>A course's comments, newest first. Anonymous: comments are public.</summary>
public sealed class ReadCommentsFunction(ReadCommentsEndpoint endpoint)
{
    [Function("ReadComments")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "courses/{courseId}/comments")] HttpRequest request,
        string courseId,
        CancellationToken cancellationToken) =>
        endpoint.HandleAsync(request, courseId, cancellationToken);
}
