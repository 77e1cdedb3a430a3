using MassTransit;
using ProactiveSuite.Registry.Capture;
using ProactiveSuite.Registry.Lookup;
using ProactiveSuite.Registry.Privacy;
using ProactiveSuite.Registry.References;
using ProactiveSuite.Registry.References.Stores;
using ProactiveSuite.Registry.Revocation;
using ProactiveSuite.ServiceDefaults.Messaging;
using ProactiveSuite.ServiceDefaults.Privacy;
using ProactiveSuite.ServiceDefaults.Storage;
using ProactiveSuite.ServiceDefaults.Telemetry;

namespace ProactiveSuite.Registry;

public static class RegistryServiceExtensions
{
    /// <summary>The gauge of the references stored (<c>proactivesuite.references.stored</c>).</summary>
    public const string StoredReferencesGauge = "proactivesuite.references.stored";

    /// <summary>The Registry: the reference store (erasable per user), the capture, look-up and revocation consumers, and the stored references gauge.</summary>
    public static IHostApplicationBuilder AddRegistry(this IHostApplicationBuilder builder)
    {
        builder.AddStore<IConversationReferenceStore, ConversationReferenceStore>(StoreOwner.Registry);
        builder.AddObservedGauge(StoredReferencesGauge, "{reference}", "Conversation references stored (one per user and channel).",
            (services, ct) => services.GetRequiredService<IConversationReferenceStore>().CountAsync(ct));
        builder.AddUserDataEraser<ConversationReferenceEraser>();
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
