using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Treu.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TierCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tier_counts",
                columns: table => new
                {
                    program_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    tier = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    members = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tier_counts", x => new { x.program_id, x.tier });
                });

            // The members per tier so far: those the figures' roll-up has taken in (and the generator's, whose ids carry no
            // time), by the tier they hold; the tier changes after those
            // members' (all of them, where the roll-up has not run yet) move them.
            migrationBuilder.Sql("""
                INSERT INTO tier_counts (program_id, tier, members)
                SELECT m.program_id, COALESCE(m.tier, ''), COUNT(*) FROM members m
                LEFT JOIN figures_marks f ON f.program_id = m.program_id AND f.source = 'members'
                WHERE m.id <= COALESCE(f.last_id, '') OR m.id >= 'mbr_1'
                GROUP BY m.program_id, COALESCE(m.tier, '');
                INSERT INTO figures_marks (program_id, source, last_id)
                SELECT c.program_id, 'tiers', MAX(c.id) FROM tier_changes c
                JOIN figures_marks f ON f.program_id = c.program_id AND f.source = 'members'
                GROUP BY c.program_id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tier_counts");
        }
    }
}
