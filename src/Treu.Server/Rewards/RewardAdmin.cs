using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkiaSharp;
using Treu.Domain.Common;
using Treu.Domain.Rewards;
using Treu.Server.Hosting;
using Treu.Server.Rules;
using Treu.Server.Storage;

namespace Treu.Server.Rewards;

/// <summary>The loyalty manager's side of the catalogue: a reward is created as a draft, edited, switched on and off, and given a picture.</summary>
public sealed class RewardAdmin(TreuDbContext db, RuleAdmin audit, IOptions<TreuOptions> options)
{
    public static readonly string[] Languages = ["de", "en"];

    public static Validation Check(RewardRequest body, bool create)
    {
        var check = new Validation();
        if (create && body.Id is not null && !RuleAdmin.IsSlug(body.Id))
        {
            check.Add("id", "must be 1 to 64 of a-z, 0-9, '_' and '-'");
        }

        if (body.Type is not { } type)
        {
            check.Add("type", "is required: fixed_discount, percent_discount, free_product, gift_card, experience or donation");
        }
        else
        {
            switch (type)
            {
                case RewardType.FixedDiscount or RewardType.GiftCard or RewardType.Donation when body.Amount is not > 0:
                    check.Add("amount", $"is required for a {Json.SnakeCase(type.ToString())}: more than 0");
                    break;
                case RewardType.PercentDiscount when body.Percent is not (> 0 and <= 100):
                    check.Add("percent", "is required for a percent_discount: more than 0, at most 100");
                    break;
                case RewardType.FreeProduct when (body.Sku is null) == (body.Category is null):
                    check.Add("sku", "a free_product names either a sku or a category");
                    break;
            }

            if (type == RewardType.Donation && string.IsNullOrWhiteSpace(body.DonationRecipient))
            {
                check.Add("donationRecipient", "is required for a donation");
            }
        }

        if (body.PointsCost is not (>= 1 and <= 10_000_000))
        {
            check.Add("pointsCost", "is required: 1 to 10,000,000");
        }

        MoneyField(check, "amount", body.Amount);
        MoneyField(check, "maxDiscount", body.MaxDiscount);
        MoneyField(check, "minBasket", body.MinBasket);
        check.MaxLength("sku", body.Sku, 64).MaxLength("category", body.Category, 64).MaxLength("donationRecipient", body.DonationRecipient);
        if (body.ValidFrom is { } from && body.ValidTo is { } to && to <= from)
        {
            check.Add("validTo", "must be after validFrom");
        }

        check.Range("voucherValidDays", body.VoucherValidDays, 1, 3650).Range("stock", body.Stock, 0, 100_000_000).Range("limitPerMember", body.LimitPerMember, 1, 1000)
            .Range("minMemberDays", body.MinMemberDays, 0, 3650).Range("sortOrder", body.SortOrder, -1000, 1000);
        Tags(check, "tiers", body.Tiers);
        Tags(check, "segments", body.Segments);
        Texts(check, "name", body.Name, 100, required: true);
        Texts(check, "description", body.Description, 1000, required: false);
        Texts(check, "terms", body.Terms, 2000, required: false);
        return check;
    }

    private static void MoneyField(Validation check, string field, decimal? value)
    {
        check.Range(field, value, 0, 1_000_000);
        if (value is { } v && v * 100 != decimal.Truncate(v * 100))
        {
            check.Add(field, "must have at most 2 decimal places");
        }
    }

    private static void Tags(Validation check, string field, string[]? values)
    {
        if (values is { Length: > 20 } || values?.Any(v => string.IsNullOrWhiteSpace(v) || v.Length > 64) == true)
        {
            check.Add(field, "at most 20 values of 1 to 64 characters");
        }
    }

    public static void Texts(Validation check, string field, Dictionary<string, string>? texts, int maxLength, bool required)
    {
        if (texts is null || texts.Count == 0)
        {
            if (required)
            {
                check.Add(field, "is required, in de or en or both: {\"de\": \"…\", \"en\": \"…\"}");
            }

            return;
        }

        foreach (var (language, text) in texts)
        {
            if (!Languages.Contains(language))
            {
                check.Add(field, $"'{(language.Length > 10 ? language[..10] : language)}' is not a language of the catalogue: de or en");
            }
            else if (string.IsNullOrWhiteSpace(text) || text.Length > maxLength)
            {
                check.Add($"{field}.{language}", $"must be 1 to {maxLength} characters");
            }
        }
    }

    public static void Apply(Reward reward, RewardRequest body)
    {
        reward.Type = body.Type!.Value;
        reward.PointsCost = body.PointsCost!.Value;
        reward.Amount = body.Amount;
        reward.Percent = body.Percent;
        reward.MaxDiscount = body.MaxDiscount;
        reward.Sku = Blank(body.Sku);
        reward.Category = Blank(body.Category)?.ToLowerInvariant();
        reward.MinBasket = body.MinBasket;
        reward.DonationRecipient = Blank(body.DonationRecipient);
        reward.ValidFrom = Utc(body.ValidFrom);
        reward.ValidTo = Utc(body.ValidTo);
        reward.VoucherValidDays = body.VoucherValidDays ?? 30;
        reward.VoucherValidUntil = Utc(body.VoucherValidUntil);
        reward.StockTotal = body.Stock;
        reward.LimitPerMember = body.LimitPerMember;
        reward.LimitPeriod = body.LimitPeriod ?? LimitPeriod.Ever;
        reward.Tiers = body.Tiers?.Select(t => t.Trim().ToLowerInvariant()).Distinct().ToList() ?? [];
        reward.Segments = body.Segments?.Select(t => t.Trim()).Distinct().ToList() ?? [];
        reward.MinMemberDays = body.MinMemberDays;
        reward.Name = Trimmed(body.Name);
        reward.Description = Trimmed(body.Description);
        reward.Terms = Trimmed(body.Terms);
        reward.SortOrder = body.SortOrder ?? 0;
    }

    public async Task<Result<RewardView>> CreateAsync(Caller caller, RewardRequest body, DateTime now, CancellationToken ct)
    {
        var id = body.Id ?? Ids.New("rwd");
        if (await db.Rewards.AnyAsync(r => r.ProgramId == caller.ProgramId && r.Id == id, ct))
        {
            return RewardErrors.Exists.With($"A reward '{id}' exists already.", "id");
        }

        var reward = new Reward { Id = id, ProgramId = caller.ProgramId, Status = RewardStatus.Draft, CreatedAt = now, UpdatedAt = now, UpdatedBy = caller.Actor };
        Apply(reward, body);
        db.Rewards.Add(reward);
        var stock = new RewardStock { ProgramId = caller.ProgramId, RewardId = id, Total = body.Stock };
        db.RewardStocks.Add(stock);
        audit.Audit(caller, "reward.created", "reward", id, body);
        return await ViewAsync(reward, stock, now, ct);
    }

    public async Task<Result<RewardView>> UpdateAsync(Caller caller, string id, RewardRequest body, DateTime now, CancellationToken ct)
    {
        var reward = await db.Rewards.SingleOrDefaultAsync(r => r.ProgramId == caller.ProgramId && r.Id == id, ct);
        if (reward is null)
        {
            return NotFound(id);
        }

        var stock = await db.Dialect.LockRewardStockAsync(db, caller.ProgramId, id, ct) ?? throw new InvalidOperationException($"Reward {id} has no stock row.");
        Apply(reward, body);
        stock.Total = body.Stock;
        reward.UpdatedAt = now;
        reward.UpdatedBy = caller.Actor;
        audit.Audit(caller, "reward.updated", "reward", id, body);
        return await ViewAsync(reward, stock, now, ct);
    }

    public async Task<Result<RewardView>> SetStatusAsync(Caller caller, string id, string status, DateTime now, CancellationToken ct)
    {
        var reward = await db.Rewards.SingleOrDefaultAsync(r => r.ProgramId == caller.ProgramId && r.Id == id, ct);
        if (reward is null)
        {
            return NotFound(id);
        }

        if (reward.Status != status)
        {
            audit.Audit(caller, status == RewardStatus.Active ? "reward.activated" : "reward.deactivated", "reward", id, new { from = reward.Status, to = status });
            reward.Status = status;
            reward.UpdatedAt = now;
            reward.UpdatedBy = caller.Actor;
        }

        return await ViewAsync(reward, null, now, ct);
    }

    /// <summary>
    /// A new picture for the reward, checked by what its bytes are, not by what it is called: PNG, JPEG or WebP that the
    /// decoder can read the header of, within the size and pixel limits (<c>Treu:Rewards</c>).
    /// </summary>
    public async Task<Result<RewardView>> SetImageAsync(Caller caller, string id, byte[] bytes, DateTime now, CancellationToken ct)
    {
        var reward = await db.Rewards.SingleOrDefaultAsync(r => r.ProgramId == caller.ProgramId && r.Id == id, ct);
        if (reward is null)
        {
            return NotFound(id);
        }

        var inspected = Inspect(bytes, options.Value.Rewards);
        if (inspected.Failure is { } refused)
        {
            return refused;
        }

        var (type, width, height) = inspected.Value;
        var tag = Convert.ToHexStringLower(SHA256.HashData(bytes))[..32];
        var image = await db.RewardImages.SingleOrDefaultAsync(i => i.ProgramId == caller.ProgramId && i.RewardId == id, ct);
        if (image is null)
        {
            db.RewardImages.Add(new RewardImage
            {
                ProgramId = caller.ProgramId,
                RewardId = id,
                ContentType = type,
                Data = bytes,
                Width = width,
                Height = height,
                Tag = tag,
                UpdatedAt = now,
            });
        }
        else
        {
            (image.ContentType, image.Data, image.Width, image.Height, image.Tag, image.UpdatedAt) = (type, bytes, width, height, tag, now);
        }

        reward.ImageTag = tag;
        reward.UpdatedAt = now;
        reward.UpdatedBy = caller.Actor;
        audit.Audit(caller, "reward.image_changed", "reward", id, new { contentType = type, width, height, bytes = bytes.Length });
        return await ViewAsync(reward, null, now, ct);
    }

    public static Result<(string ContentType, int Width, int Height)> Inspect(byte[] bytes, RewardOptions limits)
    {
        if (bytes.Length == 0)
        {
            return RewardErrors.ImageUnsupported.With("The body is empty: send the image's bytes (PNG, JPEG or WebP).");
        }

        if (bytes.Length > limits.MaxImageBytes)
        {
            return RewardErrors.ImageTooLarge.With($"The image has {bytes.Length / 1024} KiB; at most {limits.MaxImageBytes / 1024} KiB are accepted.");
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        var type = codec?.EncodedFormat switch
        {
            SKEncodedImageFormat.Png => "image/png",
            SKEncodedImageFormat.Jpeg => "image/jpeg",
            SKEncodedImageFormat.Webp => "image/webp",
            _ => null,
        };
        if (codec is null || type is null)
        {
            return RewardErrors.ImageUnsupported.With("The bytes are not a PNG, JPEG or WebP image.");
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width < 1 || height < 1 || width > limits.MaxImagePixels || height > limits.MaxImagePixels)
        {
            return RewardErrors.ImageTooLarge.With($"The image is {width} × {height} pixels; at most {limits.MaxImagePixels} × {limits.MaxImagePixels} are accepted.");
        }

        return (type, width, height);
    }

    /// <summary>The catalogue as the loyalty manager sees it, in its order, each reward with its figures.</summary>
    public async Task<IReadOnlyList<RewardView>> ListAsync(string programId, DateTime now, CancellationToken ct)
    {
        var all = await db.Rewards.AsNoTracking().Where(r => r.ProgramId == programId).OrderBy(r => r.SortOrder).ThenBy(r => r.Id).Take(1000).ToListAsync(ct);
        var views = new List<RewardView>(all.Count);
        foreach (var reward in all)
        {
            views.Add(await ViewAsync(reward, null, now, ct));
        }

        return views;
    }

    public async Task<RewardView> ViewAsync(Reward reward, RewardStock? stock, DateTime now, CancellationToken ct)
    {
        stock ??= await db.RewardStocks.AsNoTracking().SingleAsync(s => s.ProgramId == reward.ProgramId && s.RewardId == reward.Id, ct);
        var counts = await db.Vouchers.AsNoTracking().Where(v => v.ProgramId == reward.ProgramId && v.RewardId == reward.Id)
            .GroupBy(v => v.Status).Select(g => new { Status = g.Key, Count = g.LongCount() }).ToListAsync(ct);
        long Count(VoucherStatus status) => counts.Where(c => c.Status == status).Sum(c => c.Count);
        var stats = new RewardStats(stock.Issued, Count(VoucherStatus.Redeemed), Count(VoucherStatus.Expired), Count(VoucherStatus.Cancelled), stock.PointsSpent, stock.Left);
        return new RewardView(reward.Id, reward.Status, reward.OnOffer(now), reward.Type, reward.PointsCost, reward.Amount, reward.Percent, reward.MaxDiscount, reward.Sku,
            reward.Category, reward.MinBasket, reward.DonationRecipient, reward.ValidFrom, reward.ValidTo, reward.VoucherValidDays, reward.VoucherValidUntil,
            reward.StockTotal, reward.LimitPerMember, reward.LimitPeriod, reward.Tiers, reward.Segments, reward.MinMemberDays, reward.Name, reward.Description, reward.Terms,
            RewardCatalogue.ImageUrl(reward), reward.SortOrder, stats, reward.CreatedAt, reward.UpdatedAt, reward.UpdatedBy);
    }

    public static Failure NotFound(string id) => RewardErrors.NotFound.With($"No reward '{RedeemReward.Shorten(id)}' in this program.");

    private static Dictionary<string, string> Trimmed(Dictionary<string, string>? texts) =>
        texts?.ToDictionary(t => t.Key, t => t.Value.Trim(), StringComparer.Ordinal) ?? new Dictionary<string, string>(StringComparer.Ordinal);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A date without an offset is UTC, whatever the server's time zone.</summary>
    public static DateTime? Utc(DateTime? at) => at is not { } value ? null
        : Clock.ToStoredPrecision(value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime());
}
