using System.Net;
using System.Text.Json.Nodes;
using Treu.Api.Tests.Infrastructure;
using Treu.Api.Tests.Security;

namespace Treu.Api.Tests.MemberSessions;

/// <summary>
/// A member signs in with a one-time code (or is vouched for by the webshop) and gets a token that opens their own data
/// only: anything about another member is answered as if that member did not exist.
/// </summary>
public abstract class MemberSessionSpec(TreuApp app) : ApiSpec(app)
{
    private async Task<string> ProgramId() => (string)(await Admin.GetJson("/v1/admin/program"))["id"]!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient As(string accessToken) => TreuApp.Client(App.Host, accessToken);

    private async Task<(string Member, string Email)> EnrolWithEmail()
    {
        var email = $"{Unique("wallet")}@example.de";
        return ((string)(await Enrol(email: email))["id"]!, email);
    }

    private async Task<string> MailedCode(string email)
    {
        await (await App.Anonymous.Post("/v1/member-sessions/codes", new { programId = await ProgramId(), email })).Json(HttpStatusCode.Accepted);
        return App.Mail.LatestCode(email);
    }

    private async Task<HttpResponseMessage> SignIn(string email, string code) =>
        await App.Anonymous.Post("/v1/member-sessions", new { programId = await ProgramId(), email, oneTimeCode = code });

    private async Task<JsonNode> Session(string member, HttpClient? integration = null) =>
        await (await (integration ?? Admin).Post($"/v1/members/{member}/sessions", new { })).Json(HttpStatusCode.Created);

    [Fact]
    public async Task A_member_signs_in_with_the_code_mailed_to_them_and_reads_their_own_balance()
    {
        var (member, email) = await EnrolWithEmail();
        await Credit(member, 250);

        var code = await MailedCode(email);
        Assert.Matches(@"^\d{6}$", code);
        var session = await (await SignIn(email, code)).Json(HttpStatusCode.Created);

        Assert.Equal(member, (string)session["memberId"]!);
        var wallet = As((string)session["accessToken"]!);
        Assert.Equal(250, (await wallet.GetJson($"/v1/members/{member}/balance")).Long("available"));
        Assert.Equal(email, (string)(await wallet.GetJson($"/v1/members/{member}"))["email"]!);
        Assert.Single((await wallet.GetJson($"/v1/members/{member}/ledger"))["items"]!.AsArray());
    }

    [Fact]
    public async Task A_member_token_cannot_read_change_or_spend_another_members_points()
    {
        var (member, _) = await EnrolWithEmail();
        var (other, otherEmail) = await EnrolWithEmail();
        await Credit(member, 1_000);
        await Credit(other, 1_000);
        var reward = await SecurityWorld.RewardAsync(Admin);
        var wallet = As((string)(await Session(member))["accessToken"]!);

        foreach (var path in new[] { "", "/balance", "/ledger", "/tier", "/tier/history", "/vouchers", "/rewards", "/qr-token" })
        {
            var theirs = await (await wallet.GetAsync($"/v1/members/{other}{path}", Ct)).Problem(HttpStatusCode.NotFound, "member_not_found");
            var nobodys = await (await wallet.GetAsync($"/v1/members/mbr_nobody{path}", Ct)).Problem(HttpStatusCode.NotFound, "member_not_found");
            Assert.Equal((string)nobodys["title"]!, (string)theirs["title"]!);
        }

        await (await wallet.Patch($"/v1/members/{other}", new { firstName = "Mallory" })).Problem(HttpStatusCode.NotFound, "member_not_found");
        await (await wallet.Post($"/v1/members/{other}/rewards/{reward}/redeem", new { })).Problem(HttpStatusCode.NotFound, "member_not_found");
        await (await wallet.Post("/v1/transfers", new { fromMemberId = other, toMemberId = member, points = 500 })).Problem(HttpStatusCode.NotFound, "member_not_found");
        await (await wallet.DeleteAsync($"/v1/members/{other}/sessions", Ct)).Problem(HttpStatusCode.NotFound, "member_not_found");
        await (await wallet.GetAsync($"/v1/members/lookup?email={Uri.EscapeDataString(otherEmail)}", Ct))
            .Problem(HttpStatusCode.Forbidden, "forbidden_scope");
        await (await wallet.Post($"/v1/members/{other}/adjustments", new { points = -500, reason = "theft" })).Problem(HttpStatusCode.Forbidden, "forbidden_scope");
        await (await wallet.Post($"/v1/members/{other}/sessions", new { })).Problem(HttpStatusCode.Forbidden, "forbidden_scope");
        await (await wallet.Post("/v1/transactions", Basket(other, Unique("R"), [Line("4006381333931", 1, 10m)], redeemPoints: 500)))
            .Problem(HttpStatusCode.Forbidden, "forbidden_scope");

        Assert.Equal(1_000, await Available(other));
        Assert.Equal("Test", (string)(await Admin.GetJson($"/v1/members/{other}"))["firstName"]!);
    }

    [Fact]
    public async Task A_member_moves_their_own_points_and_redeems_their_own_reward()
    {
        var (member, _) = await EnrolWithEmail();
        var friend = await EnrolId();
        await Credit(member, 10_000);
        var reward = await SecurityWorld.RewardAsync(Admin);
        var wallet = As((string)(await Session(member))["accessToken"]!);

        await (await wallet.Post("/v1/transfers", new { fromMemberId = member, toMemberId = friend, points = 300 })).Json(HttpStatusCode.Created);
        await (await wallet.Post($"/v1/members/{member}/rewards/{reward}/redeem", new { })).Json(HttpStatusCode.Created);

        Assert.Equal(300, await Available(friend));
        var entries = (await Admin.GetJson($"/v1/members/{member}/ledger"))["items"]!.AsArray();
        Assert.Contains(entries, e => (string)e!["actor"]! == $"member:{member}");
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task Asking_for_a_code_for_an_address_nobody_has_answers_alike_and_sends_nothing()
    {
        var (_, email) = await EnrolWithEmail();
        var stranger = $"{Unique("stranger")}@example.de";
        var programId = await ProgramId();

        var known = await (await App.Anonymous.Post("/v1/member-sessions/codes", new { programId, email })).Json(HttpStatusCode.Accepted);
        var unknown = await (await App.Anonymous.Post("/v1/member-sessions/codes", new { programId, email = stranger })).Json(HttpStatusCode.Accepted);

        Assert.Equal((string)known["channel"]!, (string)unknown["channel"]!);
        Assert.Single(App.Mail.To(email));
        Assert.Empty(App.Mail.To(stranger));
        await (await SignIn(stranger, "123456")).Problem(HttpStatusCode.BadRequest, "wrong_code");
    }

    [Fact]
    public async Task Five_wrong_guesses_void_the_code_and_a_code_opens_one_session_only()
    {
        var (_, email) = await EnrolWithEmail();
        var code = await MailedCode(email);
        var wrong = code == "000000" ? "000001" : "000000";
        for (var i = 0; i < 5; i++)
        {
            await (await SignIn(email, wrong)).Problem(HttpStatusCode.BadRequest, "wrong_code");
        }

        await (await SignIn(email, code)).Problem(HttpStatusCode.BadRequest, "wrong_code");

        var second = await MailedCode(email);
        await (await SignIn(email, second)).Json(HttpStatusCode.Created);
        await (await SignIn(email, second)).Problem(HttpStatusCode.BadRequest, "wrong_code");
    }

    [Fact]
    public async Task A_code_expires_and_only_the_newest_code_counts()
    {
        var (_, email) = await EnrolWithEmail();
        var first = await MailedCode(email);
        App.Clock.Advance(TimeSpan.FromMinutes(11));
        await (await SignIn(email, first)).Problem(HttpStatusCode.BadRequest, "wrong_code");

        var older = await MailedCode(email);
        var newer = await MailedCode(email);
        if (older != newer)
        {
            await (await SignIn(email, older)).Problem(HttpStatusCode.BadRequest, "wrong_code");
        }

        await (await SignIn(email, newer)).Json(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_expired_access_token_is_refused_and_the_refresh_token_replaces_both_once()
    {
        var member = await EnrolId();
        var session = await Session(member);
        App.Clock.Advance(TimeSpan.FromMinutes(16));

        await (await As((string)session["accessToken"]!).GetAsync($"/v1/members/{member}/balance", Ct))
            .Problem(HttpStatusCode.Unauthorized, "unauthenticated");
        var renewed = await (await App.Anonymous.Post("/v1/member-sessions/refresh", new { refreshToken = (string)session["refreshToken"]! })).Json(HttpStatusCode.Created);

        Assert.Equal((string)session["sessionId"]!, (string)renewed["sessionId"]!);
        await As((string)renewed["accessToken"]!).GetJson($"/v1/members/{member}/balance");
        await (await App.Anonymous.Post("/v1/member-sessions/refresh", new { refreshToken = (string)session["refreshToken"]! }))
            .Problem(HttpStatusCode.Unauthorized, "session_ended");
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_every_session_of_the_member_and_signing_out_ends_only_one()
    {
        var member = await EnrolId();
        var (phone, tablet, laptop) = (await Session(member), await Session(member), await Session(member));

        var ended = await (await As((string)laptop["accessToken"]!).DeleteAsync("/v1/member-sessions/current", Ct)).Json(HttpStatusCode.OK);
        Assert.Equal(1, ended.Long("ended"));
        await (await As((string)laptop["accessToken"]!).GetAsync($"/v1/members/{member}", Ct)).Problem(HttpStatusCode.Unauthorized, "unauthenticated");
        await As((string)phone["accessToken"]!).GetJson($"/v1/members/{member}");

        var everywhere = await (await As((string)phone["accessToken"]!).DeleteAsync($"/v1/members/{member}/sessions", Ct)).Json(HttpStatusCode.OK);

        Assert.Equal(2, everywhere.Long("ended"));
        foreach (var session in new[] { phone, tablet })
        {
            await (await As((string)session["accessToken"]!).GetAsync($"/v1/members/{member}", Ct)).Problem(HttpStatusCode.Unauthorized, "unauthenticated");
            await (await App.Anonymous.Post("/v1/member-sessions/refresh", new { refreshToken = (string)session["refreshToken"]! }))
                .Problem(HttpStatusCode.Unauthorized, "session_ended");
        }
    }

    [Fact]
    public async Task The_webshop_opens_a_session_for_its_customer_and_a_till_may_not()
    {
        var member = await EnrolId();
        var webshop = await App.ClientWithScope("ecommerce");

        var session = await Session(member, webshop);

        await As((string)session["accessToken"]!).GetJson($"/v1/members/{member}/balance");
        await (await (await Till()).Post($"/v1/members/{member}/sessions", new { })).Problem(HttpStatusCode.Forbidden, "forbidden_scope");
        await (await webshop.Post("/v1/members/mbr_nobody/sessions", new { })).Problem(HttpStatusCode.NotFound, "member_not_found");
    }
}

public sealed class MemberSessionOnSqlite(SqliteApp app) : MemberSessionSpec(app), IClassFixture<SqliteApp>;

public sealed class MemberSessionOnPostgres(PostgresApp app) : MemberSessionSpec(app), IClassFixture<PostgresApp>;
