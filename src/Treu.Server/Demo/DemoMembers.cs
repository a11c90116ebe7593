using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Domain.Programs;
using Treu.Server.Storage;

namespace Treu.Server.Demo;

/// <summary>
/// Anna, the member the README's tour works with, and a few dozen shoppers of the Berlin and Hamburg stores and the
/// webshop, each with a card, some with a birthday, a phone number and the newsletter consent. All have e-mail addresses
/// at <see cref="Domain"/>; their points come with <see cref="DemoHistory"/>.
/// </summary>
public sealed class DemoMembers(TreuDbContext db) : IDemoPart
{
    public const string Domain = "demo.treu.dev";
    public const string AnnasEmail = "anna@" + Domain;
    public const string AnnasCard = "2750000000001";

    /// <summary>A shopper: where they enrolled, and how long ago.</summary>
    public sealed record Shopper(string FirstName, string LastName, string Channel, string? Store, int EnrolledDaysAgo, string Language = "de");

    public static readonly Shopper[] Shoppers =
    [
        new("Lukas", "Becker", "store", "berlin-mitte", 640), new("Sophie", "Wagner", "store", "berlin-mitte", 512),
        new("Jonas", "Hoffmann", "webshop", null, 433), new("Mia", "Schulz", "store", "hamburg-altona", 401),
        new("Leon", "Koch", "store", "hamburg-altona", 380), new("Emma", "Richter", "app", null, 355),
        new("Finn", "Klein", "store", "berlin-mitte", 330), new("Hannah", "Wolf", "webshop", null, 301),
        new("Elias", "Schröder", "store", "hamburg-altona", 288), new("Lea", "Neumann", "store", "berlin-mitte", 270),
        new("Paul", "Schwarz", "store", "berlin-mitte", 251), new("Lina", "Zimmermann", "app", null, 240),
        new("Noah", "Braun", "store", "hamburg-altona", 222), new("Marie", "Krüger", "webshop", null, 205),
        new("Ben", "Hofmann", "store", "berlin-mitte", 190), new("Clara", "Hartmann", "store", "hamburg-altona", 176),
        new("Felix", "Lange", "store", "berlin-mitte", 160), new("Emilia", "Werner", "webshop", null, 151),
        new("Luis", "Krause", "store", "hamburg-altona", 140), new("Ida", "Lehmann", "store", "berlin-mitte", 133),
        new("Henry", "Köhler", "app", null, 125), new("Frieda", "Maier", "store", "hamburg-altona", 118),
        new("Theo", "Herrmann", "store", "berlin-mitte", 111), new("Ella", "König", "webshop", null, 104),
        new("Oskar", "Walter", "store", "hamburg-altona", 97), new("Mila", "Mayer", "store", "berlin-mitte", 92),
        new("Anton", "Huber", "store", "berlin-mitte", 88), new("Greta", "Kaiser", "app", null, 84),
        new("Emil", "Fuchs", "store", "hamburg-altona", 80), new("Nora", "Peters", "webshop", null, 77),
        new("Jakob", "Lang", "store", "berlin-mitte", 74), new("Luisa", "Scholz", "store", "hamburg-altona", 71),
        new("David", "Miller", "webshop", null, 69, "en"), new("Olivia", "Brown", "store", "berlin-mitte", 66, "en"),
        new("Karl", "Möller", "store", "hamburg-altona", 64), new("Alma", "Weiß", "app", null, 62),
    ];

    public async Task SeedAsync(LoyaltyProgram program, DateTime now, CancellationToken ct)
    {
        var present = (await db.Members.AsNoTracking().Where(m => m.ProgramId == program.Id && m.Email!.EndsWith("@" + Domain)).Select(m => m.Email!).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        if (!present.Contains(AnnasEmail))
        {
            db.Members.Add(New(program, AnnasEmail, "Anna", "Demo", AnnasCard, Clock.ToStoredPrecision(now.AddDays(-DemoHistory.Days)), m => m.EnrolledChannel = "admin"));
        }

        // A fixed seed: every demo database has the same shoppers with the same birthdays and consents.
        var random = new Random(20261201);
        for (var i = 0; i < Shoppers.Length; i++)
        {
            var s = Shoppers[i];
            var email = $"{Ascii(s.FirstName)}.{Ascii(s.LastName)}@{Domain}";
            var card = $"27500000{i + 2:D5}";
            var birthday = DateOnly.FromDateTime(now).AddYears(-random.Next(19, 71)).AddDays(-random.Next(365));
            var phone = random.Next(3) == 0 ? $"+4915155{5000 + i:D4}" : null;
            var consents = random.Next(2) == 0;
            if (present.Contains(email))
            {
                continue;
            }

            var enrolled = Clock.ToStoredPrecision(now.AddDays(-s.EnrolledDaysAgo).AddHours(-random.Next(8, 48)));
            db.Members.Add(New(program, email, s.FirstName, s.LastName, card, enrolled, m =>
            {
                m.EnrolledChannel = s.Channel;
                m.EnrolledStoreId = s.Store;
                m.Language = s.Language;
                m.Phone = phone;
                m.BirthDate = birthday;
                if (consents)
                {
                    m.Consents.Add(new Consent
                    {
                        ProgramId = program.Id,
                        MemberId = m.Id,
                        Purpose = "marketing_email",
                        Granted = true,
                        TextVersion = "2026-01",
                        Channel = s.Channel,
                        RecordedAt = enrolled,
                    });
                }
            }));
        }

        await db.SaveChangesAsync(ct);
    }

    private static Member New(LoyaltyProgram program, string email, string firstName, string lastName, string card, DateTime enrolled, Action<Member> more)
    {
        var member = new Member
        {
            Id = Ids.New("mbr", enrolled),
            ProgramId = program.Id,
            MemberNumber = MemberNumber.New(),
            Email = email,
            FirstName = firstName,
            LastName = lastName,
            EnrolledChannel = "store",
            CreatedAt = enrolled,
            UpdatedAt = enrolled,
        };
        member.Cards.Add(new MemberCard { ProgramId = program.Id, Number = card, MemberId = member.Id, AddedAt = enrolled });
        more(member);
        return member;
    }

    private static string Ascii(string name) => name.ToLowerInvariant().Replace("ö", "oe").Replace("ü", "ue").Replace("ä", "ae").Replace("ß", "ss");
}
