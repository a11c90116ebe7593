using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Treu.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LedgerEntriesWithoutTimeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_program_id_created_at",
                table: "ledger_entries");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_program_id_created_at",
                table: "ledger_entries",
                columns: new[] { "program_id", "created_at" });
        }
    }
}
