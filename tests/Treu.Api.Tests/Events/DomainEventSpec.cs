using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treu.Api.Tests.Infrastructure;
using Treu.Server.Events;
using Treu.Server.Storage;

namespace Treu.Api.Tests.Events;

/// <summary>
/// Domain events are written in the same commit as the fact they tell of, or not at all, and numbered per member in the
/// order of their commits: a dispatcher delivers a member's events in that order without a global counter.
/// </summary>
public abstract class DomainEventSpec(TreuApp app) : ApiSpec(app)
{
    [Fact]
    public async Task A_members_events_are_numbered_in_the_order_they_were_committed()
    {
        var member = await EnrolId();

        await Write(member, steps: [1, 2]);
        await Write(member, steps: [3]);

        // The enrolment's member.enrolled is the member's first event.
        var events = await EventsOf(member);
        Assert.Equal([2L, 3L, 4L], events.Select(e => e.MemberSeq!.Value));
        Assert.Equal(["""{"step":1}""", """{"step":2}""", """{"step":3}"""], events.Select(e => e.Payload));
        Assert.All(events, e => Assert.Equal(EventTypes.TierChanged, e.Type));
        Assert.Equal(4, await App.Db(db => db.Members.Where(m => m.Id == member).Select(m => m.LastEventSeq).SingleAsync()));
    }

    [Fact]
    public async Task A_refused_write_writes_no_event_and_the_next_one_takes_the_number()
    {
        var member = await EnrolId();

        await Write(member, steps: [1, 2], commit: false);
        Assert.Empty(await EventsOf(member));
        await Write(member, steps: [3]);

        var only = Assert.Single(await EventsOf(member));
        Assert.Equal(2, only.MemberSeq);
        Assert.Equal("""{"step":3}""", only.Payload);
    }

    [Fact]
    public async Task A_write_that_fails_writes_no_event()
    {
        var member = await EnrolId();

        await Assert.ThrowsAsync<InvalidOperationException>(() => Write(member, steps: [1], fail: true));

        Assert.Empty(await EventsOf(member));
        Assert.Equal(1, await App.Db(db => db.Members.Where(m => m.Id == member).Select(m => m.LastEventSeq).SingleAsync()));
    }

    [Fact]
    public async Task Writes_sharing_a_commit_with_one_that_fails_write_each_of_their_events_once()
    {
        var members = await EnrolIds(6);
        var failing = members[0];

        // Four writes per member at once, so that they share commits; every write of the first member fails, which rolls
        // its batch back and runs the batch's other writes again alone.
        var writes = Enumerable.Range(0, 24).Select(async i =>
        {
            var member = members[i % 6];
            try
            {
                await Write(member, steps: [i], fail: member == failing);
                return member != failing;
            }
            catch (InvalidOperationException) when (member == failing)
            {
                return false;
            }
        });
        Assert.Equal(20, (await Task.WhenAll(writes)).Count(committed => committed));

        Assert.Empty(await EventsOf(failing));
        foreach (var member in members.Skip(1))
        {
            var events = await EventsOf(member);
            Assert.Equal([2L, 3L, 4L, 5L], events.Select(e => e.MemberSeq!.Value));
            Assert.Equal(4, events.Select(e => e.Payload).Distinct().Count());
        }
    }

    /// <summary>One write of the hot path's kind for the member: locks it, records an event per step, then commits, refuses or fails.</summary>
    private async Task Write(string memberId, int[] steps, bool commit = true, bool fail = false)
    {
        await using var scope = App.Host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var store = services.GetRequiredService<MemberLedgerStore>();
        var events = services.GetRequiredService<DomainEvents>();
        var programId = await App.Db(db => db.Members.Where(m => m.Id == memberId).Select(m => m.ProgramId).SingleAsync());
        await services.GetRequiredService<WriteTransaction>().RunSharedAsync(CommitGroup.ForMember(memberId), async ct =>
        {
            var member = await store.LockAsync(programId, memberId, ct);
            foreach (var step in steps)
            {
                events.Record(member!, EventTypes.TierChanged, new { step }, App.Clock.GetUtcNow().UtcDateTime);
            }

            return fail ? throw new InvalidOperationException("The write fails after its events were recorded.") : commit;
        }, committed => committed, TestContext.Current.CancellationToken);
    }

    /// <summary>The member's events of the kind <see cref="Write"/> records (the enrolment records one of its own).</summary>
    private Task<List<DomainEvent>> EventsOf(string memberId) =>
        App.Db(db => db.DomainEvents.AsNoTracking().Where(e => e.MemberId == memberId && e.Type == EventTypes.TierChanged).OrderBy(e => e.MemberSeq).ToListAsync());
}

public sealed class DomainEventOnSqlite(SqliteApp app) : DomainEventSpec(app), IClassFixture<SqliteApp>;

public sealed class DomainEventOnPostgres(PostgresApp app) : DomainEventSpec(app), IClassFixture<PostgresApp>;
