using MassTransit;
using ProactiveSuite.Registry.Capture;
using ProactiveSuite.Registry.GroupConversations;
using ProactiveSuite.Registry.GroupConversations.Stores;
using ProactiveSuite.Registry.Lookup;
using ProactiveSuite.Registry.Members;
using ProactiveSuite.Registry.Members.Stores;
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

    /// <summary>The gauge of the group conversations stored (<c>proactivesuite.group_conversations.stored</c>).</summary>
    public const string StoredGroupConversationsGauge = "proactivesuite.group_conversations.stored";

    /// <summary>
    /// The Registry: the stores of references, group conversations and known members (the users' erasable),
    /// the capture, look-up and revocation consumers, and the stored references gauges.
    /// </summary>
    public static IHostApplicationBuilder AddRegistry(this IHostApplicationBuilder builder)
    {
        builder.AddStore<IConversationReferenceStore, ConversationReferenceStore>(StoreOwner.Registry);
        builder.AddObservedGauge(StoredReferencesGauge, "{reference}", "Conversation references stored (one per user and channel).",
            (services, ct) => services.GetRequiredService<IConversationReferenceStore>().CountAsync(ct));
        builder.AddStore<IGroupConversationStore, GroupConversationStore>(StoreOwner.Registry);
        builder.AddObservedGauge(StoredGroupConversationsGauge, "{conversation}", "Group chats, Teams channels and teams stored (one per conversation and channel).",
            (services, ct) => services.GetRequiredService<IGroupConversationStore>().CountAsync(ct));
        builder.AddStore<IKnownMemberStore, KnownMemberStore>(StoreOwner.Registry);
        builder.AddUserDataEraser<ConversationReferenceEraser>();
        builder.AddUserDataEraser<KnownMemberEraser>();
        builder.Services.AddSingleton<ReferenceCapture>().AddSingleton<ReferenceRevocation>().AddSingleton<UserLookup>();
        builder.AddBusConsumers(bus =>
        {
            bus.AddConsumer<ReferenceCapturedConsumer, ReferenceCapturedConsumerDefinition>();
            bus.AddConsumer<FindConversationReferenceConsumer, FindConversationReferenceConsumerDefinition>();
            bus.AddConsumer<FindConversationReferencesConsumer, FindConversationReferencesConsumerDefinition>();
            bus.AddConsumer<ListConversationReferencesConsumer, ListConversationReferencesConsumerDefinition>();
            bus.AddConsumer<FindGroupConversationConsumer, FindGroupConversationConsumerDefinition>();
            bus.AddConsumer<ListGroupConversationsConsumer, ListGroupConversationsConsumerDefinition>();
            bus.AddConsumer<ReferenceRevokedConsumer, ReferenceRevokedConsumerDefinition>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapRegistry(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapReferenceLookups().MapGroupConversationLookups();
}
