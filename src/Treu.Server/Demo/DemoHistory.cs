using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Domain.Programs;
using Treu.Domain.Purchases;
using Treu.Domain.Rules;
using Treu.Domain.Tiers;
using Treu.Server.Events;
using Treu.Server.Rules;
using Treu.Server.Storage;
using Treu.Server.Tiers;
using Treu.Server.Transactions;

namespace Treu.Server.Demo;

/// <summary>
/// The last <see cref="Days"/> days of shopping by the demo members: purchases in the Berlin and Hamburg stores, the
/// webshop and the app, with categories and brands, some paid partly with points, a few returns; and for the
/// longer-standing members the points they had before. Each purchase is computed as a till's would be (the eligible
/// amount, the rules in force with their caps) and posted through <see cref="LedgerPosting"/> in the order things
/// happened, with each return window's activation on its day, so the ledger verifies and every balance is true.
/// Anna ends with the <see cref="AnnasPoints"/> available that the README's tour starts from.
/// </summary>
/// <remarks>Members with ledger entries are left alone: a restart posts nothing twice.</remarks>
public sealed class DemoHistory(TreuDbContext db, RuleBooks books, TierLadders ladders, DomainEvents events) : IDemoPart
{
    public const int Days = 60;
    public const long AnnasPoints = 1500;
    private const string Actor = "demo";

    private sealed record Product(string Sku, string Name, string Category, string? Brand, decimal Price);

    private static readonly Product[] Food =
    [
        new("ALN-HAFERDRINK", "Alnatura oat drink 1 l", "organic", "Alnatura", 1.79m),
        new("ALN-SPAGHETTI", "Alnatura spelt spaghetti 500 g", "organic", "Alnatura", 1.69m),
        new("ALN-APFELSAFT", "Alnatura apple juice 1 l", "organic", "Alnatura", 2.49m),
        new("ALN-HAFERFLOCKEN", "Alnatura rolled oats 500 g", "organic", "Alnatura", 1.29m),
        new("ALN-PASSATA", "Alnatura passata 500 g", "organic", "Alnatura", 1.49m),
        new("RAP-MANDELMUS", "Rapunzel almond butter 250 g", "organic", "Rapunzel", 7.99m),
        new("VOE-ROTEBETE", "Voelkel beetroot juice 0.75 l", "organic", "Voelkel", 2.99m),
        new("BIO-AEPFEL", "Organic apples 1 kg", "organic", null, 3.49m),
        new("BIO-MOEHREN", "Organic carrots 1 kg", "organic", null, 1.99m),
        new("BAR-SPAGHETTI", "Barilla spaghetti n.5 500 g", "grocery", "Barilla", 1.99m),
        new("LAV-CREMA", "Lavazza Crema e Gusto beans 1 kg", "grocery", "Lavazza", 13.99m),
        new("MIL-ALPENMILCH", "Milka alpine milk chocolate 100 g", "grocery", "Milka", 1.29m),
        new("RIT-HASELNUSS", "Ritter Sport whole hazelnuts 100 g", "grocery", "Ritter Sport", 1.99m),
        new("HAR-GOLDBAEREN", "Haribo Goldbären 175 g", "grocery", "Haribo", 1.19m),
        new("WEI-MILCH", "Weihenstephan fresh milk 1 l", "grocery", "Weihenstephan", 1.59m),
        new("GER-SPRUDEL", "Gerolsteiner sparkling water 6 × 1 l", "grocery", "Gerolsteiner", 5.49m),
        new("BAK-ROGGEN", "Rye bread 750 g", "bakery", null, 3.49m),
        new("BAK-CROISSANT", "Butter croissant", "bakery", null, 1.20m),
        new("BAK-BREZEL", "Pretzel", "bakery", null, 0.89m),
        new("BAK-APFELKUCHEN", "Apple cake, one slice", "bakery", null, 2.80m),
        new("FRO-SPUELMITTEL", "Frosch washing-up liquid 750 ml", "household", "Frosch", 1.95m),
        new("ECO-WASCHMITTEL", "Ecover laundry liquid 1.43 l", "household", "Ecover", 8.49m),
        new("WEL-SKINFOOD", "Weleda Skin Food 75 ml", "beauty", "Weleda", 11.95m),
        new("LAV-DUSCHGEL", "Lavera shower gel 250 ml", "beauty", "Lavera", 3.95m),
    ];

    private static readonly Product[] Apparel =
    [
        new("HES-MERINO", "Merino jumper", "apparel", "Hessnatur", 89.90m),
        new("ARM-TSHIRT", "Organic cotton T-shirt", "apparel", "Armedangels", 29.90m),
        new("ARM-JEANS", "Straight jeans", "apparel", "Armedangels", 99.90m),
        new("VAU-REGENJACKE", "Rain jacket", "apparel", "Vaude", 129.00m),
        new("FAL-SOCKEN", "Socks, three pairs", "apparel", "Falke", 14.95m),
    ];

    private static readonly Product GiftCard = new("GIFT-25", "Gift card", "gift_card", null, 25.00m);
    private static readonly Product Shipping = new("SHIPPING", "Shipping", "shipping", null, 4.95m);

    private static readonly string[] Stores = ["berlin-mitte", "hamburg-altona"];

    /// <summary>A purchase to make: when, where, what, and how it is paid.</summary>
    private sealed record Visit(DateTime At, string Channel, string? Store, List<BasketLine> Lines, string Payment);

    public async Task SeedAsync(LoyaltyProgram program, DateTime now, CancellationToken ct)
    {
        var members = await db.Members.Where(m => m.ProgramId == program.Id && m.Email!.EndsWith("@" + DemoMembers.Domain) && m.LastSeq == 0)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Email).ToListAsync(ct);
        if (members.Count == 0)
        {
            return;
        }

        var book = RuleBook.Compile(await books.InForceAsync(program, ct));
        var history = new History(program, book, await ladders.GetAsync(program.Id, ct), events);
        // A fixed seed: every demo database tells the same story, relative to the day it was made.
        var random = new Random(20261202);
        foreach (var member in members)
        {
            if (member.Email == DemoMembers.AnnasEmail)
            {
                SeedAnna(history, member, now);
            }
            else
            {
                SeedShopper(history, member, now, random);
            }
        }

        await history.SaveAsync(db, ct);
    }

    /// <summary>Welcome points, then five visits to the Berlin store long enough ago to be available: <see cref="AnnasPoints"/> in all.</summary>
    private static void SeedAnna(History history, Member anna, DateTime now)
    {
        Visit Visit(int daysAgo, params (Product Product, int Quantity)[] items) => new(
            Clock.ToStoredPrecision(now.Date.AddDays(-daysAgo).AddHours(16).AddMinutes(daysAgo)), "store", "berlin-mitte",
            items.Select(i => Line(i.Product, i.Quantity)).ToList(), "card");

        Product P(string sku) => Food.Single(p => p.Sku == sku);
        List<Visit> visits =
        [
            Visit(52, (P("ALN-HAFERDRINK"), 2), (P("BIO-AEPFEL"), 1), (P("BAK-ROGGEN"), 1)),
            Visit(44, (P("LAV-CREMA"), 1), (P("ALN-SPAGHETTI"), 2), (P("ALN-PASSATA"), 2)),
            Visit(37, (P("BAK-CROISSANT"), 2), (P("WEI-MILCH"), 1), (P("ALN-HAFERFLOCKEN"), 1)),
            Visit(29, (P("WEL-SKINFOOD"), 1), (P("ALN-APFELSAFT"), 2), (P("BIO-MOEHREN"), 1)),
            Visit(22, (P("RAP-MANDELMUS"), 1), (P("ALN-HAFERDRINK"), 2), (P("BAK-BREZEL"), 2)),
        ];

        // Her purchases' points are known before they are posted (the rules are pure): the welcome points make up the rest. They
        // qualify too, so her purchases earn at the tier the welcome points give her.
        var tier = history.TierFor(AnnasPoints - history.PointsOf(anna, visits, tier: null));
        var earned = history.PointsOf(anna, visits, tier);
        if (history.TierFor(AnnasPoints - earned) != tier)
        {
            throw new InvalidOperationException("Demo history: Anna's welcome points and her purchases disagree on her tier.");
        }

        var timeline = history.Of(anna);
        timeline.Credit(anna.CreatedAt, AnnasPoints - earned, "Welcome points for the demo");
        foreach (var visit in visits)
        {
            timeline.Buy(visit, redeem: 0);
        }

        timeline.CatchUp(now);
    }

    private static void SeedShopper(History history, Member member, DateTime now, Random random)
    {
        var start = now.AddDays(-Days);
        var timeline = history.Of(member);
        if (member.CreatedAt < start && random.Next(10) < 7)
        {
            var before = start.AddDays(-1);
            timeline.Credit(member.CreatedAt > before ? member.CreatedAt : before, random.Next(5, 90) * 10, "Points from purchases before this history");
        }

        var from = member.CreatedAt > start ? member.CreatedAt : start;
        var visits = Enumerable.Range(0, random.Next(4, 15)).Select(_ => Plan(member, from, now, random)).OrderBy(v => v.At).ToList();
        // A return comes days after its purchase, after other visits perhaps: everything is posted in the order it happened.
        var returns = new List<(DateTime At, Purchase Purchase, PurchaseLine Line)>();
        void ReturnsDue(DateTime until)
        {
            foreach (var due in returns.Where(r => r.At <= until).OrderBy(r => r.At).ToList())
            {
                timeline.Return(due.Purchase, due.Line, due.At, "Did not fit");
                returns.Remove(due);
            }
        }

        foreach (var visit in visits)
        {
            ReturnsDue(visit.At);
            timeline.CatchUp(visit.At);
            var total = visit.Lines.Sum(l => l.NetAmount);
            var redeem = 0L;
            if (random.Next(8) == 0 && RedemptionPolicy.MaxRedeemable(history.Program, total, member.Available) is var max and >= 100)
            {
                redeem = Math.Min(max, random.Next(1, 6) * 100) / 100 * 100;
            }

            var purchase = timeline.Buy(visit, redeem);
            var apparel = purchase.Lines.FirstOrDefault(l => l.Category == "apparel");
            var returnAt = Clock.ToStoredPrecision(visit.At.AddDays(random.Next(2, 9)).AddHours(random.Next(-3, 4)));
            if (apparel is not null && redeem == 0 && returnAt < now && history.ReturnsLeft > 0 && random.Next(5) == 0)
            {
                history.ReturnsLeft--;
                returns.Add((returnAt, purchase, apparel));
            }
        }

        ReturnsDue(now);
        timeline.CatchUp(now);
    }

    /// <summary>One visit: mostly the home store (where the member enrolled), sometimes the other store, the webshop or the app.</summary>
    private static Visit Plan(Member member, DateTime from, DateTime now, Random random)
    {
        var channel = member.EnrolledChannel;
        var store = member.EnrolledStoreId;
        var roll = random.Next(10);
        if (roll == 0)
        {
            (channel, store) = ("store", Stores[random.Next(Stores.Length)]);
        }
        else if (roll == 1)
        {
            (channel, store) = ("webshop", null);
        }
        else if (channel == "app" && roll < 5)
        {
            (channel, store) = ("store", Stores[random.Next(Stores.Length)]);
        }

        // Opening hours, 8:00 to 20:00 in the stores' time; the webshop and the app also late in the evening.
        var span = (now - from).TotalMinutes;
        var day = from.AddMinutes(random.NextDouble() * span).Date;
        var at = day.AddHours(channel == "store" ? random.Next(7, 18) : random.Next(6, 21)).AddMinutes(random.Next(60)).AddSeconds(random.Next(60));
        if (at > now.AddMinutes(-30) || at < from)
        {
            at = from + (now.AddMinutes(-30) - from) / 2;
        }

        var lines = new List<BasketLine>();
        if (channel == "store")
        {
            foreach (var product in Pick(Food, random.Next(2, 7), random))
            {
                lines.Add(Line(product, product.Category is "grocery" or "organic" && random.Next(3) == 0 ? 2 : 1, random.Next(12) == 0 ? 0.1m : 0));
            }

            if (random.Next(6) == 0)
            {
                lines.Add(Line(Apparel[random.Next(Apparel.Length)], 1));
            }
        }
        else
        {
            var apparel = random.Next(2) == 0;
            foreach (var product in apparel ? Pick(Apparel, random.Next(1, 3), random) : Pick(Food, random.Next(3, 8), random))
            {
                lines.Add(Line(product, product.Category == "apparel" ? 1 : random.Next(1, 4), random.Next(10) == 0 ? 0.15m : 0));
            }

            if (channel == "webshop" && lines.Sum(l => l.NetAmount) < 50)
            {
                lines.Add(Line(Shipping, 1));
            }
        }

        if (random.Next(30) == 0)
        {
            lines.Add(Line(GiftCard, 1));
        }

        var payment = channel == "store" ? (random.Next(10) < 7 ? "card" : "cash") : (random.Next(2) == 0 ? "card" : "paypal");
        return new Visit(Clock.ToStoredPrecision(at), channel, store, lines, payment);
    }

    private static IEnumerable<Product> Pick(Product[] products, int count, Random random) =>
        Enumerable.Range(0, count).Select(_ => products[random.Next(products.Length)]).Distinct();

    private static BasketLine Line(Product p, int quantity, decimal discountShare = 0) =>
        new(p.Sku, p.Name, p.Category, quantity, p.Price, Math.Round(p.Price * quantity * discountShare, 2, MidpointRounding.AwayFromZero), p.Brand);

    /// <summary>Everything the history makes, kept until it is saved in one go.</summary>
    private sealed class History(LoyaltyProgram program, RuleBook book, ProgramLadder? ladder, DomainEvents events)
    {
        private readonly AwardTally _tally = new();
        private readonly List<PointsLot> _lots = [];
        private readonly TimeZoneInfo _zone = RuledEarning.TimeZoneOf(program);
        private int _receipts;

        public LoyaltyProgram Program => program;
        public int ReturnsLeft { get; set; } = 3;
        public List<LedgerEntry> Entries { get; } = [];
        public List<Purchase> Purchases { get; } = [];
        public List<PurchaseReturn> Returns { get; } = [];
        public HashSet<string> Bought { get; } = new(StringComparer.Ordinal);
        public List<TierChange> TierChanges { get; } = [];
        public List<DomainEvent> Events { get; } = [];

        private string? BaseTier => ladder?.Ladder.Base.Id;

        /// <summary>The tier so many qualifying points reach; null without tiers.</summary>
        public string? TierFor(long points) => ladder is null ? null : ladder.Ladder.Tiers[ladder.Ladder.RankFor(points)].Id;

        /// <summary>Counts what the member did towards a tier, as a till's purchase (or a credit) does, with the change it makes.</summary>
        public void Qualify(Member member, QualifyingAmounts amounts, DateTime at, string cause, string causeId)
        {
            if (ladder is not null && TierPolicy.Qualify(member, ladder.Ladder, amounts, at, at, _zone) is { } move)
            {
                TierChanges.Add(TierMoves.Change(member, ladder, move, cause, causeId, null, at));
                Events.Add(DomainEvent.Of(member, EventTypes.TierChanged, events.Serialize(TierMoves.Payload(member, ladder.Ladder, move, cause, causeId, null)), at));
            }
        }

        public void TakeBack(Member member, QualifyingAmounts amounts, DateTime qualifiedAt)
        {
            if (ladder is not null)
            {
                TierPolicy.TakeBack(member, amounts, qualifiedAt, _zone);
            }
        }

        public Timeline Of(Member member) => new(this, member);

        public string NextReceipt(Visit visit) => $"DEMO-{(visit.Store ?? visit.Channel).ToUpperInvariant()}-{++_receipts:D5}";

        public void Posted(LedgerPosting posting)
        {
            Entries.AddRange(posting.Entries);
            _lots.AddRange(posting.NewLots);
        }

        /// <summary>The rules' answer for a basket, as a till would get it; the caps count what the history gave before.</summary>
        /// <param name="tier">The tier to evaluate at, when it is not the member's yet.</param>
        public (BasketEarning Basket, RuleEvaluation Evaluation) Evaluate(Member member, Visit visit, long redeem, bool first, AwardTally? tally = null, string? tier = null)
        {
            var basket = EarnCalculator.Compute(program, visit.Lines, redeem);
            var facts = RuledEarning.Facts(member, book.AsksFirstPurchase && first, BaseTier);
            facts = tier is null ? facts : facts with { Tier = tier };
            var request = new EarnRequest(RuleTrigger.Purchase, visit.Channel, visit.Store, visit.At, facts,
                visit.Lines.Select((l, i) => new EarnLine(i + 1, l.Sku, l.Category, l.Brand, l.Quantity, basket.Lines[i].EligibleAmount)).ToList(),
                [visit.Payment], TimeZone: _zone);
            return (basket, (tally ?? _tally).Evaluate(book, request, member.Id, request.LocalDay, explain: false));
        }

        /// <summary>What the visits would earn at the given tier (null: the member's), without counting them anywhere.</summary>
        public long PointsOf(Member member, IEnumerable<Visit> visits, string? tier)
        {
            var dryRun = new AwardTally();
            return visits.Select((v, i) => Evaluate(member, v, 0, first: i == 0 && !Bought.Contains(member.Id), dryRun, tier).Evaluation.Points).Sum();
        }

        public async Task SaveAsync(TreuDbContext db, CancellationToken ct)
        {
            // Written as a till's purchases are (DirectSave), in one transaction: a few thousand rows, which EF Core's change
            // tracker would take a second longer over on the first start.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.InsertRange(Entries);
            db.InsertRange(_lots);
            db.InsertRange(Purchases);
            db.InsertRange(Purchases.SelectMany(p => p.Lines));
            db.InsertRange(Returns);
            db.InsertRange(Returns.SelectMany(r => r.Lines));
            db.InsertRange(TierChanges);
            db.InsertRange(Events);
            // The capped rules' awards, as the tills would have counted them, so the caps go on from where the history left them.
            var capped = book.Where(r => r.Definition.Caps is { } c && (c.PerMemberPerDay ?? c.PerMemberPerWeek ?? c.PerMemberPerMonth ?? c.Budget
                ?? c.TimesPerMember ?? c.TimesPerMemberPerDay) is not null).ToList();
            var ids = capped.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            db.InsertRange(_tally.Daily().Where(a => ids.Contains(a.Rule)).Select(a => new RuleAward
            {
                ProgramId = program.Id,
                RuleId = a.Rule,
                MemberId = a.Member,
                Day = a.Day,
                Points = a.Points,
                Times = a.Times,
            }));
            foreach (var rule in capped.Where(r => r.Definition.Caps!.Budget is not null))
            {
                var budget = await db.RuleBudgets.SingleOrDefaultAsync(b => b.ProgramId == program.Id && b.RuleId == rule.Id, ct);
                if (budget is null)
                {
                    db.RuleBudgets.Add(budget = new RuleBudget { ProgramId = program.Id, RuleId = rule.Id });
                }

                budget.Points += _tally.Spent(rule.Id);
            }

            await DirectSave.SaveAsync(db, ct);
            await transaction.CommitAsync(ct);
        }

        /// <summary>One member's ledger, posted in the order things happened.</summary>
        public sealed class Timeline(History history, Member member)
        {
            private readonly List<PointsLot> _lots = [];

            /// <summary>The return windows that ended by <paramref name="until"/>, each on its day, as the activation job would have posted them.</summary>
            public void CatchUp(DateTime until)
            {
                foreach (var lot in _lots.Where(l => l.State == LotState.Pending && l.AvailableAt <= until).OrderBy(l => l.AvailableAt).ToList())
                {
                    var posting = new LedgerPosting(history.Program, member, lot.AvailableAt!.Value);
                    posting.Activate(lot, new EntrySource("system", null, "job:activation", "lot", lot.Id, "Return window ended: points are available"));
                    Posted(posting);
                }
            }

            public void Credit(DateTime at, long points, string reason)
            {
                var posting = new LedgerPosting(history.Program, member, at);
                var adjustment = Ids.New("adj", at);
                posting.Credit(EntryKind.Adjust, points, new EntrySource("admin", null, Actor, "adjustment", adjustment, reason));
                Posted(posting);
                history.Qualify(member, new QualifyingAmounts(points, 0, 0), at, TierCauses.Adjustment, adjustment);
            }

            public Purchase Buy(Visit visit, long redeem)
            {
                CatchUp(visit.At);
                var (basket, evaluation) = history.Evaluate(member, visit, redeem, first: !history.Bought.Contains(member.Id));
                var receipt = history.NextReceipt(visit);
                var purchase = new Purchase
                {
                    Id = Ids.New("txn", visit.At),
                    ProgramId = member.ProgramId,
                    MemberId = member.Id,
                    Channel = visit.Channel,
                    StoreId = visit.Store ?? "",
                    ExternalId = receipt,
                    OccurredAt = visit.At,
                    RecordedAt = visit.At,
                    Currency = history.Program.Currency,
                    Total = basket.Total,
                    EligibleAmount = basket.EligibleAmount,
                    PointsEarned = evaluation.Points,
                    PointsRedeemed = redeem,
                    RedeemedValue = basket.RedeemedValue,
                    Cashback = evaluation.Cashback,
                    PaymentMethods = visit.Payment,
                    Breakdown = JsonSerializer.Serialize(EarnRuleView.From(evaluation), JsonSerializerOptions.Web),
                };
                purchase.Lines.AddRange(visit.Lines.Select((l, i) => new PurchaseLine
                {
                    ProgramId = purchase.ProgramId,
                    MemberId = member.Id,
                    PurchaseId = purchase.Id,
                    LineNo = i + 1,
                    Sku = l.Sku,
                    Name = l.Name,
                    Category = l.Category,
                    Brand = l.Brand,
                    Quantity = l.Quantity,
                    UnitPrice = l.UnitPrice,
                    Discount = l.Discount,
                    NetAmount = basket.Lines[i].NetAmount,
                    EligibleAmount = basket.Lines[i].EligibleAmount,
                    PointsEarned = evaluation.PointsOfLine(i + 1),
                    PointsRedeemed = basket.Lines[i].PointsRedeemed,
                }));

                var posting = new LedgerPosting(history.Program, member, visit.At);
                if (redeem > 0)
                {
                    var spent = posting.Spend(EntryKind.Redeem, redeem, _lots,
                        new EntrySource(visit.Channel, visit.Store, Actor, "purchase", purchase.Id, $"Redeemed at checkout, receipt {receipt}"));
                    if (spent.Failure is { } failure)
                    {
                        throw new InvalidOperationException($"Demo history: {failure.Message}");
                    }
                }

                if (evaluation.Points > 0)
                {
                    posting.Earn(evaluation.Points, new EntrySource(visit.Channel, visit.Store, Actor, "purchase", purchase.Id, $"Earned on receipt {receipt}",
                        Ledger.RuleRef.Of(evaluation)), windowStart: visit.At);
                    var lot = posting.NewLots[^1];
                    purchase.EarnLotId = lot.Id;
                    purchase.EarnedPending = lot.State == LotState.Pending;
                }

                Posted(posting);
                history.Qualify(member, new QualifyingAmounts(purchase.PointsEarned, purchase.EligibleAmount, purchase.EligibleAmount > 0 ? 1 : 0), visit.At,
                    TierCauses.Purchase, purchase.Id);
                history.Purchases.Add(purchase);
                history.Bought.Add(member.Id);
                return purchase;
            }

            /// <summary>One line taken back whole, as the return endpoint does it: refund first, then the reversal, pending points first.</summary>
            public void Return(Purchase purchase, PurchaseLine line, DateTime at, string reason)
            {
                CatchUp(at);
                var quantity = line.ReturnableQuantity;
                var reversed = Allocation.Cumulative(line.PointsEarned, line.ReturnedQuantity, quantity, line.Quantity);
                var refunded = Allocation.Cumulative(line.PointsRedeemed, line.ReturnedQuantity, quantity, line.Quantity);
                line.ReturnedQuantity += quantity;
                line.PointsReversed += reversed;
                line.PointsRefunded += refunded;
                var ret = new PurchaseReturn
                {
                    Id = Ids.New("ret", at),
                    ProgramId = purchase.ProgramId,
                    PurchaseId = purchase.Id,
                    MemberId = member.Id,
                    Channel = purchase.Channel,
                    StoreId = purchase.StoreId,
                    ExternalId = purchase.ExternalId + "-RET",
                    RecordedAt = at,
                    Reason = reason,
                };
                var source = new EntrySource(purchase.Channel, purchase.StoreId == "" ? null : purchase.StoreId, Actor, "return", ret.Id,
                    $"Return of receipt {purchase.ExternalId}: {reason}");
                var posting = new LedgerPosting(history.Program, member, at);
                if (refunded > 0)
                {
                    posting.Credit(EntryKind.Refund, refunded, source);
                }

                var reversal = reversed > 0
                    ? posting.Reverse(reversed, _lots.SingleOrDefault(l => l.Id == purchase.EarnLotId), _lots.Concat(posting.NewLots).ToList(), source)
                    : new Reversal(null, 0, 0, 0);
                ret.Lines.Add(new ReturnLine
                {
                    ProgramId = ret.ProgramId,
                    MemberId = member.Id,
                    ReturnId = ret.Id,
                    LineNo = line.LineNo,
                    Sku = line.Sku,
                    Quantity = quantity,
                    PointsReversed = reversed,
                    PointsRefunded = refunded,
                });
                ret.PointsReversed = reversal.Reversed;
                ret.PointsRefunded = refunded;
                ret.Shortfall = reversal.Shortfall;
                Posted(posting);
                var wholePurchase = purchase.Lines.All(l => l.ReturnableQuantity == 0) && purchase.EligibleAmount > 0;
                history.TakeBack(member, new QualifyingAmounts(reversed, line.EligibleAmount, wholePurchase ? 1 : 0), purchase.OccurredAt);
                history.Returns.Add(ret);
            }

            private void Posted(LedgerPosting posting)
            {
                _lots.AddRange(posting.NewLots);
                history.Posted(posting);
            }
        }
    }
}
