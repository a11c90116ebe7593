namespace Treu.Domain.Members;

public enum MemberStatus
{
    Active,
    Blocked,

    /// <summary>The person's data was erased (GDPR Art. 17): a pseudonymous account that keeps its ledger and earns nothing more.</summary>
    Erased,
}
