using Treu.Domain.Common;

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

    // The tier and what it stands on change only through Tiers.TierPolicy, in this assembly.

    /// <summary>The member's tier on the program's ladder; null for the base tier (or a program without tiers).</summary>
    public string? Tier { get; internal set; }

    /// <summary>Since when the member holds <see cref="Tier"/>.</summary>
    public DateTime? TierSince { get; internal set; }

    /// <summary>When the tier is next reviewed, the only time it can go down; null at the base tier.</summary>
    public DateTime? TierReviewAt { get; internal set; }

    /// <summary>A tier given by hand (a status match, a celebrity's VIP): the member holds at least this until <see cref="ManualTierUntil"/>.</summary>
    public string? ManualTier { get; internal set; }

    public DateTime? ManualTierUntil { get; internal set; }

    public string? ManualTierReason { get; internal set; }

    /// <summary>What the member did that counts towards a tier, month by month (<see cref="Tiers.Qualification"/>'s text form).</summary>
    public string Qualification { get; internal set; } = "";

    /// <summary>Segments the member belongs to (vip, staff, students …), set by the loyalty manager or a CRM.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Free attributes an integration keeps on the member (favourite_store: berlin-mitte), for rules to match.</summary>
    public Dictionary<string, string> Attributes { get; set; } = new(StringComparer.Ordinal);
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    // The balances and the chain's head move only with a ledger entry (LedgerPosting, in this assembly); EF Core
    // reads and writes them through their setters all the same.
    public long Available { get; internal set; }
    public long Pending { get; internal set; }
    public long LifetimeEarned { get; internal set; }
    public long LifetimeSpent { get; internal set; }

    /// <summary>Sequence number of the newest ledger entry; 0 before the first.</summary>
    public long LastSeq { get; internal set; }

    /// <summary>Hash of the newest ledger entry: the head of this member's chain.</summary>
    public string LastHash { get; internal set; } = Ledger.EntryHash.Genesis;

    /// <summary>Sequence number of the member's newest domain event (tier changed …); 0 before the first.</summary>
    public long LastEventSeq { get; private set; }

    /// <summary>
    /// The sequence number of the member's next domain event: events of one member are numbered 1, 2, 3 … in the order
    /// their facts were committed, as this row is locked and written with each of them.
    /// </summary>
    public long NextEventSeq() => ++LastEventSeq;

    public List<MemberCard> Cards { get; set; } = [];
    public List<Consent> Consents { get; set; } = [];

    /// <summary>Why this member may not earn, redeem, give or receive points now; null when nothing stands in the way.</summary>
    public Failure? RefusesPoints() => Status switch
    {
        MemberStatus.Blocked => MemberErrors.Blocked.With("This member is blocked: no points can be earned, redeemed or moved."),
        MemberStatus.Erased => MemberErrors.Erased.With("This member's data was erased: the account keeps its history only."),
        _ => null,
    };

    /// <summary>
    /// Erases the person from the account (GDPR Art. 17): contacts, names, birth date, cards, tags, attributes, the
    /// reasons staff wrote about them, the reference of another system. What stays is pseudonymous — the id, the member
    /// number, the balances and the chain's head — so the ledger keeps every entry and still verifies.
    /// </summary>
    public void Erase(DateTime now)
    {
        (Email, Phone, FirstName, LastName, BirthDate, ExternalRef) = (null, null, null, null, null, null);
        (BlockedReason, ManualTierReason) = (null, null);
        Tags = [];
        Attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        Cards.Clear();
        Status = MemberStatus.Erased;
        UpdatedAt = now;
    }

    /// <summary>
    /// Applies a profile change: only what it names changes. The member keeps at least one way to be found (e-mail, phone
    /// or card), at most <see cref="MaxAttributes"/> attributes, and a blocked reason only while blocked. Nothing changes
    /// when the change is refused.
    /// </summary>
    public Failure? Apply(ProfileChange change, DateTime now)
    {
        if (Status == MemberStatus.Erased)
        {
            return MemberErrors.Erased.With("This member's data was erased: the account can no longer be changed.");
        }

        if (change.Status == MemberStatus.Erased)
        {
            return CommonErrors.ValidationFailed.With("A member is erased through POST /v1/members/{id}/erasure, not by a status.", "status");
        }

        var attributes = new Dictionary<string, string>(Attributes, StringComparer.Ordinal);
        foreach (var (name, value) in change.Attributes ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrEmpty(value))
            {
                attributes.Remove(name);
            }
            else
            {
                attributes[name] = value;
            }
        }

        if (attributes.Count > MaxAttributes)
        {
            return CommonErrors.ValidationFailed.With($"A member keeps at most {MaxAttributes} attributes.", "attributes");
        }

        var status = change.Status ?? Status;
        if (change.BlockedReason is not null && status != MemberStatus.Blocked)
        {
            return CommonErrors.ValidationFailed.With("A reason is kept only for a blocked member: send status 'blocked' with it.", "blockedReason");
        }

        var email = change.Email is null ? Email : Blank(change.Email);
        var phone = change.Phone is null ? Phone : Blank(change.Phone);
        var cards = Cards.Where(c => !change.RemoveCards.Contains(c.Number)).Select(c => c.Number)
            .Concat(change.AddCards).Distinct().Count();
        if (email is null && phone is null && cards == 0)
        {
            return CommonErrors.ValidationFailed.With("A member keeps at least one of e-mail, phone or card.", "email");
        }

        (Email, Phone) = (email, phone);
        FirstName = change.FirstName is null ? FirstName : Blank(change.FirstName);
        LastName = change.LastName is null ? LastName : Blank(change.LastName);
        BirthDate = change.BirthDate ?? BirthDate;
        Language = change.Language ?? Language;
        Tags = change.Tags?.ToList() ?? Tags;
        Attributes = attributes;
        if (change.Status is not null || change.BlockedReason is not null)
        {
            Status = status;
            BlockedReason = status == MemberStatus.Blocked ? Blank(change.BlockedReason) ?? (change.Status is null ? BlockedReason : null) : null;
        }

        Cards.RemoveAll(c => change.RemoveCards.Contains(c.Number));
        foreach (var number in change.AddCards.Where(n => Cards.All(c => c.Number != n)))
        {
            Cards.Add(new MemberCard { ProgramId = ProgramId, Number = number, MemberId = Id, AddedAt = now });
        }

        UpdatedAt = now;
        return null;
    }

    public const int MaxAttributes = 50;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
