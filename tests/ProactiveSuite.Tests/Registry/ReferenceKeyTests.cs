using ProactiveSuite.Registry.References;

namespace ProactiveSuite.Tests.Registry;

public class ReferenceKeyTests
{
    [Fact]
    public void Channel_ids_are_compared_without_case_and_user_ids_exactly()
    {
        Assert.Equal(ReferenceKey.For("msteams", "29:abc"), ReferenceKey.For(" MSTeams ", "29:abc"));
        Assert.NotEqual(ReferenceKey.For("msteams", "29:abc"), ReferenceKey.For("msteams", "29:ABC"));
    }

    [Theory]
    [InlineData(null, "u", "channelId is required")]
    [InlineData("  ", "u", "channelId is required")]
    [InlineData("c", "", "userId is required")]
    [InlineData("a|b", "u", "channelId must not contain '|'")]
    [InlineData("c", "u\n", "userId must not contain control characters")]
    [InlineData("c", "u ", "userId must not begin or end with whitespace")]
    [InlineData("c", "\u00A0u", "userId must not begin or end with whitespace")]
    public void Invalid_parts_are_refused_with_a_reason(string? channel, string? user, string reason)
    {
        Assert.False(ReferenceKey.TryCreate(channel, user, out _, out var problem));
        Assert.Equal(reason, problem);
    }

    [Fact]
    public void Overlong_ids_are_refused()
    {
        Assert.False(ReferenceKey.TryCreate("c", new string('u', ReferenceKey.MaxPartLength + 1), out _, out var problem));
        Assert.Contains("longer than", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_value_is_a_cursor_that_reads_back_to_the_same_key()
    {
        var key = ReferenceKey.For("msteams", "29:a|b");
        Assert.Equal("msteams|29:a|b", key.Value);
        Assert.True(ReferenceKey.TryParse(key.Value, out var parsed));
        Assert.Equal(key, parsed);
        Assert.False(ReferenceKey.TryParse("no-separator", out _));
    }
}
