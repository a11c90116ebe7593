namespace Treu.Server.Rewards;

/// <summary>A reward's picture, kept in the database beside it: checked by its content when uploaded, served with an entity tag.</summary>
public sealed class RewardImage
{
    public required string ProgramId { get; set; }
    public required string RewardId { get; set; }

    /// <summary>image/png, image/jpeg or image/webp, as read from the bytes.</summary>
    public required string ContentType { get; set; }
    public required byte[] Data { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }

    /// <summary>The entity tag: a hash of the bytes, so that a cached copy is only fetched again when the picture changed.</summary>
    public required string Tag { get; set; }
    public DateTime UpdatedAt { get; set; }
}
