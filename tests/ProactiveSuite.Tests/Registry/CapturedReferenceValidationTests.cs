using ProactiveSuite.Registry.Capture;

namespace ProactiveSuite.Tests.Registry;

public class CapturedReferenceValidationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_complete_capture_is_valid() => Assert.Null(CapturedReferenceValidation.Problem(StoredReferenceTests.Captured(Now)));

    [Fact]
    public void Each_missing_part_is_named()
    {
        var valid = StoredReferenceTests.Captured(Now);
        Assert.Equal("address is required", CapturedReferenceValidation.Problem(valid with { Address = null! }));
        Assert.Equal("channelId is required", CapturedReferenceValidation.Problem(valid with { Address = valid.Address with { ChannelId = "" } }));
        Assert.Equal("userId is required", CapturedReferenceValidation.Problem(valid with { Address = valid.Address with { User = valid.Address.User with { Id = " " } } }));
        Assert.Equal("serviceUrl must be an absolute http(s) URL", CapturedReferenceValidation.Problem(valid with { Address = valid.Address with { ServiceUrl = "ftp://x" } }));
        Assert.Equal("conversation.id is required", CapturedReferenceValidation.Problem(valid with { Address = valid.Address with { Conversation = valid.Address.Conversation with { Id = "" } } }));
        Assert.Equal("bot.id is required", CapturedReferenceValidation.Problem(valid with { Address = valid.Address with { Bot = null! } }));
        Assert.Equal("activityTimestamp is required", CapturedReferenceValidation.Problem(valid with { ActivityTimestamp = default }));
    }
}
