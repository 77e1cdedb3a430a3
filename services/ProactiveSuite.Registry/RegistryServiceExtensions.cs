using MassTransit;
using ProactiveSuite.Registry.Capture;
using ProactiveSuite.Registry.Lookup;
using ProactiveSuite.Registry.References;
using ProactiveSuite.Registry.References.Stores;
using ProactiveSuite.Registry.Revocation;
using ProactiveSuite.ServiceDefaults.Messaging;
using ProactiveSuite.ServiceDefaults.Storage;

namespace ProactiveSuite.Registry;

public static class RegistryServiceExtensions
{
    /// <summary>The Registry: the reference store, the capture consumer and the look-up consumer.</summary>
    public static IHostApplicationBuilder AddRegistry(this IHostApplicationBuilder builder)
    {
        builder.AddStore<IConversationReferenceStore, EmbeddedConversationReferenceStore, MongoConversationReferenceStore>();
        builder.AddBusConsumers(bus =>
        {
            bus.AddConsumer<ReferenceCapturedConsumer, ReferenceCapturedConsumerDefinition>();
            bus.AddConsumer<FindConversationReferenceConsumer, FindConversationReferenceConsumerDefinition>();
            bus.AddConsumer<FindConversationReferencesConsumer, FindConversationReferencesConsumerDefinition>();
            bus.AddConsumer<ListConversationReferencesConsumer, ListConversationReferencesConsumerDefinition>();
            bus.AddConsumer<ReferenceRevokedConsumer, ReferenceRevokedConsumerDefinition>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapRegistry(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapReferenceLookups();
}
