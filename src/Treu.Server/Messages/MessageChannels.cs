namespace Treu.Server.Messages;

/// <summary>The channels Treu writes to members on.</summary>
public static class MessageChannels
{
    public const string Email = "email";

    public static readonly string[] All = [Email];
}
