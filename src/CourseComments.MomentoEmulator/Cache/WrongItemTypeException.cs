namespace CourseComments.MomentoEmulator.Cache;

/// <summary>The key holds another kind of item than the call works on (a list read as a scalar, or the reverse),
/// or an increment meets a value that is not a base-10 integer (Momento answers both FAILED_PRECONDITION).</summary>
public sealed class WrongItemTypeException(string message = "The item at this key is of another type.")
    : Exception(message);
