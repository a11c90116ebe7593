using Treu.Domain.Members;

namespace Treu.Domain.Tests.Members;

/// <summary>What erasing a member takes away and what it leaves (<see cref="Member.Erase"/>).</summary>
public sealed class ErasureTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc);

    private static Member Anna()
    {
        var member = new Member
        {
            Id = "mbr_1",
            ProgramId = "prg",
            MemberNumber = "1234567890",
            Email = "anna@example.de",
            Phone = "+491701234567",
            FirstName = "Anna",
            LastName = "Schmidt",
            BirthDate = new DateOnly(1990, 4, 12),
            ExternalRef = "crm-77",
            EnrolledChannel = "store",
            Tags = ["staff"],
            Status = MemberStatus.Blocked,
            BlockedReason = "Anna shared her card with her neighbour",
        };
        member.Attributes["favourite_store"] = "berlin-mitte";
        member.Cards.Add(new MemberCard { ProgramId = "prg", Number = "2750000000001", MemberId = member.Id });
        return member;
    }

    [Fact]
    public void Erasure_takes_every_personal_field_and_leaves_a_pseudonymous_account_with_its_chain()
    {
        var anna = Anna();
        var (head, seq) = (anna.LastHash, anna.LastSeq);

        anna.Erase(Now);

        Assert.All(new object?[] { anna.Email, anna.Phone, anna.FirstName, anna.LastName, anna.BirthDate, anna.ExternalRef, anna.BlockedReason }, Assert.Null);
        Assert.Empty(anna.Cards);
        Assert.Empty(anna.Tags);
        Assert.Empty(anna.Attributes);
        Assert.Equal(("mbr_1", "1234567890", MemberStatus.Erased), (anna.Id, anna.MemberNumber, anna.Status));
        Assert.Equal((head, seq), (anna.LastHash, anna.LastSeq));
    }

    [Fact]
    public void An_erased_member_moves_no_points_and_takes_no_profile_change()
    {
        var anna = Anna();
        anna.Erase(Now);

        Assert.Equal("member_erased", anna.RefusesPoints()?.Code);
        Assert.Equal("member_erased", anna.Apply(new ProfileChange(Email: "anna@example.de"), Now.AddDays(1))?.Code);
        Assert.Null(anna.Email);
    }

    [Fact]
    public void A_profile_change_cannot_set_the_erased_status()
    {
        var anna = Anna();

        var refused = anna.Apply(new ProfileChange(Status: MemberStatus.Erased), Now);

        Assert.Equal(("validation_failed", "status"), (refused?.Code, refused?.Field));
        Assert.Equal("anna@example.de", anna.Email);
    }
}
