using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ProactiveSuite.ServiceDefaults.Messaging;

public static class MessageBusExtensions
{
    /// <summary>Records consumers to be added to this process's bus by <see cref="AddMessageBus"/>.</summary>
    public static IHostApplicationBuilder AddBusConsumers(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> register)
    {
        RegistrationsOf(builder.Services).Consumers.Add(register);
        return builder;
    }

    /// <summary>
    /// Adds the MassTransit bus on the transport named by configuration (<c>Bus:Transport</c>), with every
    /// consumer recorded by <see cref="AddBusConsumers"/>. Call once per process, after the services.
    /// </summary>
    public static IHostApplicationBuilder AddMessageBus(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(MessageBusOptions.Section).Get<MessageBusOptions>() ?? new MessageBusOptions();
        var registrations = RegistrationsOf(builder.Services);

        // Serve (and answer health checks) only once the bus is connected and its queues are bound, so
        // that nothing published on the strength of a green health check lands on an unbound exchange.
        builder.Services.Configure<MassTransitHostOptions>(host => host.WaitUntilStarted = true);

        builder.Services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.SetKebabCaseEndpointNameFormatter();
            foreach (var register in registrations.Consumers)
            {
                register(bus);
            }

            switch (options.Transport)
            {
                case BusTransport.RabbitMq:
                    bus.UsingRabbitMq((context, cfg) =>
                    {
                        cfg.Host(options.RabbitMqUri);
                        cfg.ConfigureEndpoints(context);
                    });
                    break;
                default:
                    bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
                    break;
            }
        });
        return builder;
    }

    private static BusRegistrations RegistrationsOf(IServiceCollection services)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(BusRegistrations))?.ImplementationInstance;
        if (existing is BusRegistrations registrations)
        {
            return registrations;
        }

        registrations = new BusRegistrations();
        services.AddSingleton(registrations);
        return registrations;
    }
}
