namespace Treu.Domain.Members;

public sealed class MemberCard
{
    public required string ProgramId { get; set; }
    public required string Number { get; set; }
    public required string MemberId { get; set; }
    public DateTime AddedAt { get; set; }
}
