using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Treu.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DueLotIndexesInMemberOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_lots_program_id_state_available_at",
                table: "lots");

            migrationBuilder.DropIndex(
                name: "ix_lots_program_id_state_expires_at",
                table: "lots");

            migrationBuilder.CreateIndex(
                name: "ix_lots_due_for_activation",
                table: "lots",
                columns: new[] { "program_id", "member_id", "available_at" },
                filter: "state = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_lots_due_for_expiry",
                table: "lots",
                columns: new[] { "program_id", "member_id", "expires_at" },
                filter: "state = 'Available'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_lots_due_for_activation",
                table: "lots");

            migrationBuilder.DropIndex(
                name: "ix_lots_due_for_expiry",
                table: "lots");

            migrationBuilder.CreateIndex(
                name: "ix_lots_program_id_state_available_at",
                table: "lots",
                columns: new[] { "program_id", "state", "available_at" });

            migrationBuilder.CreateIndex(
                name: "ix_lots_program_id_state_expires_at",
                table: "lots",
                columns: new[] { "program_id", "state", "expires_at" });
        }
    }
}
