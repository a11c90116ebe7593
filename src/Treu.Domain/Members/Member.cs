namespace Treu.Domain.Members;

/// <summary>
/// A shopper's one account across every channel, with the cached balances of its ledger.
/// The balances change only through <see cref="Ledger.LedgerPosting"/>, in the same database transaction as the entry.
/// </summary>
public sealed class Member
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }
    public required string MemberNumber { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public DateOnly? BirthDate { get; set; }
    public string Language { get; set; } = "de";
    public MemberStatus Status { get; set; } = MemberStatus.Active;
    public string? BlockedReason { get; set; }
    public required string EnrolledChannel { get; set; }
    public string? EnrolledStoreId { get; set; }

    /// <summary>The member's key in the system it was imported from; unique in the program, so a re-run of an import finds it.</summary>
    public string? ExternalRef { get; set; }

    /// <summary>The member's tier, once tiers exist; rules can already name tiers.</summary>
    public string? Tier { get; set; }

    /// <summary>Segments the member belongs to (vip, staff, students …), set by the loyalty manager or a CRM.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Free attributes an integration keeps on the member (favourite_store: berlin-mitte), for rules to match.</summary>
    public Dictionary<string, string> Attributes { get; set; } = new(StringComparer.Ordinal);
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public long Available { get; set; }
    public long Pending { get; set; }
    public long LifetimeEarned { get; set; }
    public long LifetimeSpent { get; set; }

    /// <summary>Sequence number of the newest ledger entry; 0 before the first.</summary>
    public long LastSeq { get; set; }

    /// <summary>Hash of the newest ledger entry: the head of this member's chain.</summary>
    public string LastHash { get; set; } = Ledger.EntryHash.Genesis;

    public List<MemberCard> Cards { get; set; } = [];
    public List<Consent> Consents { get; set; } = [];
}
