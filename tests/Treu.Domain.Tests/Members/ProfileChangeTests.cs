using Treu.Domain.Members;

namespace Treu.Domain.Tests.Members;

/// <summary>What a profile change may and may not do to a member (<see cref="Member.Apply"/>).</summary>
public sealed class ProfileChangeTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    private static Member Anna(string? email = "anna@example.de", string? phone = null, params string[] cards)
    {
        var member = new Member { Id = "mbr_1", ProgramId = "prg", MemberNumber = "1234567890", Email = email, Phone = phone, EnrolledChannel = "store" };
        member.Cards.AddRange(cards.Select(c => new MemberCard { ProgramId = "prg", Number = c, MemberId = member.Id }));
        return member;
    }

    [Fact]
    public void Only_what_the_change_names_changes_and_an_empty_string_clears_a_field()
    {
        var anna = Anna(phone: "+491701234567");
        anna.FirstName = "Anna";

        Assert.Null(anna.Apply(new ProfileChange(Phone: "", LastName: "Schmidt"), Now));

        Assert.Equal(("anna@example.de", null, "Anna", "Schmidt"), (anna.Email, anna.Phone, anna.FirstName, anna.LastName));
        Assert.Equal(Now, anna.UpdatedAt);
    }

    [Fact]
    public void A_member_keeps_at_least_one_way_to_be_found()
    {
        var anna = Anna(cards: "2750000000001");

        var refused = anna.Apply(new ProfileChange(Email: "") { RemoveCards = ["2750000000001"] }, Now);

        Assert.Equal(("validation_failed", "email"), (refused?.Code, refused?.Field));
        Assert.Equal("anna@example.de", anna.Email);
        Assert.Single(anna.Cards);
    }

    [Fact]
    public void A_card_removed_and_the_last_contact_cleared_is_fine_while_another_card_stays()
    {
        var anna = Anna(cards: "2750000000001");

        Assert.Null(anna.Apply(new ProfileChange(Email: "") { RemoveCards = ["2750000000001"], AddCards = ["2750000000002"] }, Now));

        Assert.Equal(["2750000000002"], anna.Cards.Select(c => c.Number));
    }

    [Fact]
    public void A_blocked_reason_needs_a_blocked_member_and_goes_when_the_member_is_unblocked()
    {
        var anna = Anna();

        Assert.Equal("blockedReason", anna.Apply(new ProfileChange(BlockedReason: "fraud"), Now)?.Field);
        Assert.Null(anna.Apply(new ProfileChange(Status: MemberStatus.Blocked, BlockedReason: "Card skimming, case 17"), Now));
        Assert.Equal("Card skimming, case 17", anna.BlockedReason);
        Assert.Equal("member_blocked", anna.RefusesPoints()?.Code);

        Assert.Null(anna.Apply(new ProfileChange(Status: MemberStatus.Active), Now));
        Assert.Null(anna.BlockedReason);
        Assert.Null(anna.RefusesPoints());
    }

    [Fact]
    public void Attributes_merge_an_empty_value_removes_one_and_no_member_keeps_more_than_the_limit()
    {
        var anna = Anna();
        anna.Attributes["size"] = "M";

        Assert.Null(anna.Apply(new ProfileChange(Attributes: new Dictionary<string, string> { ["size"] = "", ["store"] = "berlin" }), Now));
        Assert.Equal(new Dictionary<string, string> { ["store"] = "berlin" }, anna.Attributes);

        var many = Enumerable.Range(0, Member.MaxAttributes).ToDictionary(i => $"a{i}", i => "x");
        var refused = anna.Apply(new ProfileChange(Attributes: many), Now);

        Assert.Equal("attributes", refused?.Field);
        Assert.Equal(new Dictionary<string, string> { ["store"] = "berlin" }, anna.Attributes);
    }
}
