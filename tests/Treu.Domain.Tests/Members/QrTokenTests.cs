using Treu.Domain.Members;

namespace Treu.Domain.Tests.Members;

public sealed class QrTokenTests
{
    private const string Secret = "program-secret-1";
    private const string MemberId = "mem_7h3k9q2x4m8p1r5t6v0w";
    private static readonly DateTime Now = new(2026, 3, 2, 9, 30, 0, DateTimeKind.Utc);

    private static string Fresh() => QrToken.Issue(MemberId, Now + QrToken.Lifetime, Secret);

    [Fact]
    public void A_fresh_QR_token_identifies_its_member()
    {
        Assert.Equal(MemberId, QrToken.Verify(Fresh(), Now, Secret));
    }

    [Fact]
    public void A_QR_token_from_yesterday_identifies_nobody()
    {
        Assert.Null(QrToken.Verify(Fresh(), Now.AddDays(1), Secret));
    }

    [Fact]
    public void A_token_lives_for_a_few_minutes_only()
    {
        Assert.InRange(QrToken.Lifetime, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public void A_token_is_good_up_to_its_expiry_second_and_not_a_second_longer()
    {
        var expires = Now + QrToken.Lifetime;
        var token = QrToken.Issue(MemberId, expires, Secret);

        Assert.Equal(MemberId, QrToken.Verify(token, expires, Secret));
        Assert.Null(QrToken.Verify(token, expires.AddSeconds(1), Secret));
    }

    [Fact]
    public void Putting_another_member_into_a_token_makes_it_worthless()
    {
        var parts = Fresh().Split('.');
        var forged = $"mem_someone_else.{parts[1]}.{parts[2]}";

        Assert.Null(QrToken.Verify(forged, Now, Secret));
    }

    [Fact]
    public void Extending_a_token_expiry_makes_it_worthless()
    {
        var parts = Fresh().Split('.');
        var forged = $"{parts[0]}.{long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 86_400}.{parts[2]}";

        Assert.Null(QrToken.Verify(forged, Now.AddMinutes(10), Secret));
    }

    [Fact]
    public void Changing_one_character_of_the_signature_makes_a_token_worthless()
    {
        var token = Fresh();
        var last = token[^1];
        var tampered = token[..^1] + (last == 'A' ? 'B' : 'A');

        Assert.Null(QrToken.Verify(tampered, Now, Secret));
    }

    [Fact]
    public void A_token_signed_with_another_program_secret_identifies_nobody()
    {
        var token = QrToken.Issue(MemberId, Now + QrToken.Lifetime, "another-program-secret");

        Assert.Null(QrToken.Verify(token, Now, Secret));
    }

    [Fact]
    public void A_token_fits_in_a_url_and_a_small_QR_code()
    {
        var token = Fresh();

        Assert.Matches("^[A-Za-z0-9_.-]+$", token);
        Assert.True(token.Length <= 80, $"{token.Length} characters");
    }

    [Fact]
    public void Two_members_never_get_the_same_token()
    {
        Assert.NotEqual(Fresh(), QrToken.Issue("mem_other", Now + QrToken.Lifetime, Secret));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("mem_1")]
    [InlineData("mem_1.1772444100")]
    [InlineData("mem_1.1772444100.sig.extra")]
    [InlineData("mem_1.tomorrow.c2lnbmF0dXJl")]
    [InlineData("...")]
    public void A_malformed_token_identifies_nobody(string? token)
    {
        Assert.Null(QrToken.Verify(token, Now, Secret));
    }

    [Fact]
    public void A_token_longer_than_200_characters_is_refused_even_when_properly_signed()
    {
        var token = QrToken.Issue("mem_" + new string('x', 180), Now + QrToken.Lifetime, Secret);

        Assert.True(token.Length > 200);
        Assert.Null(QrToken.Verify(token, Now, Secret));
    }
}
