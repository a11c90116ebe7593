using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Treu.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LedgerCheckpoints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ledger_checkpoint_pages",
                columns: table => new
                {
                    checkpoint_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    page = table.Column<int>(type: "integer", nullable: false),
                    heads = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_checkpoint_pages", x => new { x.checkpoint_id, x.page });
                });

            migrationBuilder.CreateTable(
                name: "ledger_checkpoints",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    program_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    number = table.Column<long>(type: "bigint", nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    members = table.Column<long>(type: "bigint", nullable: false),
                    pages = table.Column<int>(type: "integer", nullable: false),
                    last_member_id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    tree = table.Column<string>(type: "character varying(6000)", maxLength: 6000, nullable: false),
                    root = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    public_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    signature = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_checkpoints", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_checkpoints_program_id_number",
                table: "ledger_checkpoints",
                columns: new[] { "program_id", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger_checkpoint_pages");

            migrationBuilder.DropTable(
                name: "ledger_checkpoints");
        }
    }
}
