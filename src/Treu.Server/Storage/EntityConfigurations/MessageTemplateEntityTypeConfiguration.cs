using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Messages;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class MessageTemplateEntityTypeConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> template)
    {
        template.HasKey(x => new { x.ProgramId, x.Id });
        template.Property(x => x.Id).HasMaxLength(64);
        template.Property(x => x.Channel).HasMaxLength(20);
        template.Property(x => x.Name).HasMaxLength(100);
        template.Property(x => x.De).HasConversion(v => Write(v), v => Read(v)).HasColumnType("text");
        template.Property(x => x.En).HasConversion(v => Write(v), v => Read(v)).HasColumnType("text");
    }

    // A language's parts as one JSON text; a record compares by value, so a changed part is noticed without a comparer.
    private static string Write(TemplateParts? parts) => JsonSerializer.Serialize(parts, JsonSerializerOptions.Web);

    private static TemplateParts? Read(string json) => JsonSerializer.Deserialize<TemplateParts>(json, JsonSerializerOptions.Web);
}
