using MassTransit;
using ProactiveSuite.Registry.Capture;
using ProactiveSuite.Registry.Lookup;
using ProactiveSuite.Registry.Privacy;
using ProactiveSuite.Registry.References;
using ProactiveSuite.Registry.References.Stores;
using ProactiveSuite.ServiceDefaults.Messaging;
using ProactiveSuite.ServiceDefaults.Privacy;
using ProactiveSuite.ServiceDefaults.Storage;

namespace ProactiveSuite.Registry;

public static class RegistryServiceExtensions
{
    /// <summary>The Registry: the reference store (erasable per user), the capture consumer and the look-up consumer.</summary>
    public static IHostApplicationBuilder AddRegistry(this IHostApplicationBuilder builder)
    {
        builder.AddStore<IConversationReferenceStore, EmbeddedConversationReferenceStore, MongoConversationReferenceStore>();
        builder.AddUserDataEraser<ConversationReferenceEraser>();
        builder.AddBusConsumers(bus =>
        {
            bus.AddConsumer<ReferenceCapturedConsumer, ReferenceCapturedConsumerDefinition>();
            bus.AddConsumer<FindConversationReferenceConsumer, FindConversationReferenceConsumerDefinition>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapRegistry(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapReferenceLookups();
}
