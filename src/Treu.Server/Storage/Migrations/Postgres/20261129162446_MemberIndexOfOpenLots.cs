using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Treu.Server.Storage.Migrations.Postgres
{
    /// <summary>
    /// The member's lot index for open lots only (see PostgresTreuDbContext). Like DueLotIndexesInMemberOrder it builds
    /// the index while it holds the lots table against writes; a large database
    /// wants a maintenance window and a longer command timeout for its migrations (docs/import.md).
    /// </summary>
    public partial class MemberIndexOfOpenLots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_lots_member_id_state",
                table: "lots");

            migrationBuilder.CreateIndex(
                name: "ix_lots_member_id_state",
                table: "lots",
                columns: new[] { "member_id", "state" },
                filter: "state <> 'Closed'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_lots_member_id_state",
                table: "lots");

            migrationBuilder.CreateIndex(
                name: "ix_lots_member_id_state",
                table: "lots",
                columns: new[] { "member_id", "state" });
        }
    }
}
