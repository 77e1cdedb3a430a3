namespace ProactiveSuite.Gateway.Security;

public static class InboundAuthenticationExtensions
{
    /// <summary>
    /// Applies the <see cref="InboundAuthenticationPolicy"/> at start-up: throws (the process does not
    /// start) without an app id unless unauthenticated local use is explicitly allowed, and warns then.
    /// </summary>
    public static IHostApplicationBuilder AddInboundAuthenticationPolicy(this IHostApplicationBuilder builder)
    {
        var policy = InboundAuthenticationPolicy.From(builder.Configuration);
        builder.Services.AddSingleton(policy);
        if (!policy.Authenticated)
        {
            builder.Services.AddHostedService<UnauthenticatedLocalUseWarning>();
        }

        return builder;
    }
}
