using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ProactiveSuite.ServiceDefaults.Security;

public static class ServiceUrlAllowlistExtensions
{
    /// <summary>
    /// Registers the <see cref="ServiceUrlAllowlist"/> from configuration, built now so that a pattern
    /// or a non-loopback local origin stops the process at start-up rather than at the first send.
    /// </summary>
    public static IHostApplicationBuilder AddServiceUrlAllowlist(this IHostApplicationBuilder builder)
    {
        var options = new ServiceUrlAllowlistOptions();
        builder.Configuration.GetSection(ServiceUrlAllowlistOptions.Section).Bind(options);
        // An unset variable in a compose file or a manifest binds as an empty entry: that allows nothing more.
        options.AllowedHosts.RemoveAll(string.IsNullOrWhiteSpace);
        options.LocalOrigins.RemoveAll(string.IsNullOrWhiteSpace);
        builder.Services.TryAddSingleton(new ServiceUrlAllowlist(options));
        return builder;
    }
}
