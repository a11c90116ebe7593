using Treu.Domain.Common;

namespace Treu.Server.Admin;

public static class AdminErrors
{
    public static readonly ErrorCode ApiKeyNotFound = new("api_key_not_found", FailureKind.NotFound);
    public static readonly ErrorCode JobNotFound = new("job_not_found", FailureKind.NotFound);
}
