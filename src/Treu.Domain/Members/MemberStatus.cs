namespace Treu.Domain.Members;

public enum MemberStatus
{
    Active,
    Blocked,
}
