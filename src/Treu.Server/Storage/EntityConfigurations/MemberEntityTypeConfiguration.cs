using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Domain.Members;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class MemberEntityTypeConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> member)
    {
        member.HasKey(m => m.Id);
        member.HasIndex(m => new { m.ProgramId, m.MemberNumber }).IsUnique();
        member.HasIndex(m => new { m.ProgramId, m.Email }).IsUnique();
        member.HasIndex(m => new { m.ProgramId, m.Phone }).IsUnique();
        member.HasIndex(m => new { m.ProgramId, m.ExternalRef }).IsUnique();
        // The console's search by the start of a name (MemberSearch).
        member.HasIndex(m => new { m.ProgramId, m.LastName });
        member.HasIndex(m => new { m.ProgramId, m.FirstName });
        member.Property(m => m.LastHash).HasMaxLength(64);
        member.Property(m => m.Language).HasMaxLength(10);
        member.Property(m => m.Tier).HasMaxLength(64);
        member.Property(m => m.ManualTier).HasMaxLength(64);
        member.Property(m => m.ManualTierReason).HasMaxLength(500);
        member.Property(m => m.Qualification).HasColumnType("text").Metadata.SetMaxLength(null);
        // The review finds the members due in (due, id) order, a batch at a time; most members hold the base tier, with no
        // review, and stay out of the index.
        member.HasIndex(m => new { m.ProgramId, m.TierReviewAt, m.Id }).HasFilter("tier_review_at IS NOT NULL");
        member.Property(m => m.Tags).HasConversion(
            v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
            v => JsonSerializer.Deserialize<List<string>>(v, JsonSerializerOptions.Default) ?? new List<string>(),
            new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, t) => HashCode.Combine(h, t.GetHashCode())), v => v.ToList()))
            .HasColumnType("text").Metadata.SetMaxLength(null);
        member.Property(m => m.Attributes).HasConversion(
            v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
            v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, JsonSerializerOptions.Default) ?? new Dictionary<string, string>(),
            new ValueComparer<Dictionary<string, string>>((a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                v => v.Aggregate(0, (h, t) => HashCode.Combine(h, t.Key.GetHashCode(), t.Value.GetHashCode())), v => new Dictionary<string, string>(v)))
            .HasColumnType("text").Metadata.SetMaxLength(null);
        member.HasMany(m => m.Cards).WithOne().HasForeignKey(c => c.MemberId);
        member.HasMany(m => m.Consents).WithOne().HasForeignKey(c => c.MemberId);
    }
}
