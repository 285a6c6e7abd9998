using CourseComments.Comments;
using CourseComments.Momento;
using CourseComments.Tokens;
using Momento.Sdk.Exceptions;

namespace CourseComments.Shell.Tests;

public sealed class MomentoErrorClassesTests
{
    /// <summary>Every code of the SDK's enum, classified by hand; a code added by a later SDK fails this
    /// test.</summary>
    private static readonly Dictionary<MomentoErrorCode, StoreFailure> Expected = new()
    {
        [MomentoErrorCode.LIMIT_EXCEEDED_ERROR] = StoreFailure.Throttled,
        [MomentoErrorCode.INVALID_ARGUMENT_ERROR] = StoreFailure.Rejected,
        [MomentoErrorCode.BAD_REQUEST_ERROR] = StoreFailure.Rejected,
        [MomentoErrorCode.NOT_FOUND_ERROR] = StoreFailure.Rejected,
        [MomentoErrorCode.ALREADY_EXISTS_ERROR] = StoreFailure.Rejected,
        [MomentoErrorCode.PERMISSION_ERROR] = StoreFailure.Rejected,
        [MomentoErrorCode.AUTHENTICATION_ERROR] = StoreFailure.Rejected,
        [MomentoErrorCode.FAILED_PRECONDITION_ERROR] = StoreFailure.Rejected,
        [MomentoErrorCode.TIMEOUT_ERROR] = StoreFailure.Unavailable,
        [MomentoErrorCode.SERVER_UNAVAILABLE] = StoreFailure.Unavailable,
        [MomentoErrorCode.CONNECTION_ERROR] = StoreFailure.Unavailable,
        [MomentoErrorCode.INTERNAL_SERVER_ERROR] = StoreFailure.Unavailable,
        [MomentoErrorCode.CANCELLED_ERROR] = StoreFailure.Unavailable,
        [MomentoErrorCode.CLIENT_RESOURCE_EXHAUSTED] = StoreFailure.Unavailable,
        [MomentoErrorCode.UNKNOWN_SERVICE_ERROR] = StoreFailure.Unavailable,
        [MomentoErrorCode.UNKNOWN_ERROR] = StoreFailure.Unavailable,
    };

    public static TheoryData<MomentoErrorCode> AllErrorCodes() => MomentoFakes.AllErrorCodes();

    [Theory]
    [MemberData(nameof(AllErrorCodes))]
    public void Every_error_code_has_its_store_class(MomentoErrorCode code)
    {
        Assert.True(Expected.TryGetValue(code, out var expected), $"{code} is not classified by this test");
        Assert.Equal(expected, MomentoErrorClasses.ToStoreFailure(code));
    }

    [Theory]
    [MemberData(nameof(AllErrorCodes))]
    public void Every_error_code_has_the_same_class_for_token_minting(MomentoErrorCode code)
    {
        var expected = Expected[code] switch
        {
            StoreFailure.Throttled => TokenMintFailure.Throttled,
            StoreFailure.Rejected => TokenMintFailure.Rejected,
            _ => TokenMintFailure.Unavailable,
        };

        Assert.Equal(expected, MomentoErrorClasses.ToMintFailure(code));
    }
}
