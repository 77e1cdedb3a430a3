using System.CommandLine;

namespace ProactiveSuite.Cli;

/// <summary>The options that name a user (or a group conversation) in a channel, shared by the commands that address one or many.</summary>
public static class RecipientOptions
{
    public static Option<string> Channel(string description, bool required) => new("--channel", "-c")
    {
        Description = description,
        Required = required,
    };

    public static Option<string> User(string description) => new("--user", "-u")
    {
        Description = description,
        Required = true,
    };

    public static Option<string?> Conversation(string description) => new("--conversation")
    {
        Description = description,
    };

    public static Option<string?> Tenant(string description) => new("--tenant")
    {
        Description = description,
    };
}
