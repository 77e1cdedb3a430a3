using Microsoft.AspNetCore.Http;

namespace ProactiveSuite.ServiceDefaults.OperatorAuthentication;

/// <summary>The 401 an operator API answers, with the reason as problem details.</summary>
internal static class OperatorChallenge
{
    public static Task WriteAsync(HttpContext context, string reason) =>
        context.Response.HasStarted
            ? Task.CompletedTask
            : Results.Problem(reason, statusCode: StatusCodes.Status401Unauthorized, title: "Not authenticated").ExecuteAsync(context);
}
