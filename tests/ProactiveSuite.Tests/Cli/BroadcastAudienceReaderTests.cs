using ProactiveSuite.Cli;
using ProactiveSuite.Cli.Broadcast;
using ProactiveSuite.Contracts.Notifications;

namespace ProactiveSuite.Tests.Cli;

/// <summary>How `proactive broadcast` reads its audience from --to, --to-file and --channel.</summary>
public sealed class BroadcastAudienceReaderTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "psuite-recipients-" + Guid.NewGuid().ToString("N") + ".txt");

    [Fact]
    public async Task Listed_users_are_in_the_channel_and_commas_separate_them()
    {
        var audience = await BroadcastAudienceReader.ReadAsync("msteams", "t1", ["29:a, 29:b", "29:c"], null, TestContext.Current.CancellationToken);

        Assert.Null(audience.ChannelId);
        Assert.Equal([new Recipient("msteams", "29:a", "t1"), new Recipient("msteams", "29:b", "t1"), new Recipient("msteams", "29:c", "t1")], audience.Recipients);
    }

    [Fact]
    public async Task A_file_holds_user_ids_or_channel_user_and_tenant_and_skips_comments()
    {
        await File.WriteAllLinesAsync(_file, ["# the night shift", "ada", "", "emulator,bob", "msteams,29:c,t9", "  "], TestContext.Current.CancellationToken);

        var audience = await BroadcastAudienceReader.ReadAsync("emulator", null, [], new FileInfo(_file), TestContext.Current.CancellationToken);

        Assert.Equal([new Recipient("emulator", "ada"), new Recipient("emulator", "bob"), new Recipient("msteams", "29:c", "t9")], audience.Recipients);
    }

    [Fact]
    public async Task Without_a_list_everyone_in_the_channel_and_tenant_is_the_audience()
    {
        var audience = await BroadcastAudienceReader.ReadAsync("msteams", "t1", [], null, TestContext.Current.CancellationToken);

        Assert.Null(audience.Recipients);
        Assert.Equal(("msteams", "t1"), (audience.ChannelId, audience.TenantId));
    }

    [Fact]
    public async Task No_channel_and_no_list_is_a_usage_error_saying_what_is_missing()
    {
        var failure = await Assert.ThrowsAsync<CommandFailedException>(() => BroadcastAudienceReader.ReadAsync(null, null, [], null, TestContext.Current.CancellationToken));

        Assert.Equal(ExitCodes.Usage, failure.ExitCode);
        Assert.Contains("--channel", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_line_without_a_channel_needs_the_channel_option_and_names_its_line()
    {
        await File.WriteAllLinesAsync(_file, ["emulator,bob", "ada"], TestContext.Current.CancellationToken);

        var failure = await Assert.ThrowsAsync<CommandFailedException>(() => BroadcastAudienceReader.ReadAsync(null, null, [], new FileInfo(_file), TestContext.Current.CancellationToken));

        Assert.Equal(ExitCodes.Usage, failure.ExitCode);
        Assert.Contains("line 2", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_line_with_too_many_fields_is_refused()
    {
        await File.WriteAllLinesAsync(_file, ["emulator,bob,t1,extra"], TestContext.Current.CancellationToken);

        var failure = await Assert.ThrowsAsync<CommandFailedException>(() => BroadcastAudienceReader.ReadAsync("emulator", null, [], new FileInfo(_file), TestContext.Current.CancellationToken));

        Assert.Contains("line 1", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_file);
}
