using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Treu.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Tiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "manual_tier",
                table: "members",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "manual_tier_reason",
                table: "members",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "manual_tier_until",
                table: "members",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "qualification",
                table: "members",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "tier_review_at",
                table: "members",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "tier_since",
                table: "members",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "tier_changes",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    program_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    member_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    from_tier = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    to_tier = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    direction = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    cause = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    cause_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    qualifying = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    ladder_version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tier_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tier_ladders",
                columns: table => new
                {
                    program_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    definition = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tier_ladders", x => new { x.program_id, x.version });
                });

            migrationBuilder.CreateIndex(
                name: "ix_members_program_id_tier_review_at_id",
                table: "members",
                columns: new[] { "program_id", "tier_review_at", "id" },
                filter: "tier_review_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tier_changes_member_id_id",
                table: "tier_changes",
                columns: new[] { "member_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_tier_changes_program_id_at",
                table: "tier_changes",
                columns: new[] { "program_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tier_changes");

            migrationBuilder.DropTable(
                name: "tier_ladders");

            migrationBuilder.DropIndex(
                name: "ix_members_program_id_tier_review_at_id",
                table: "members");

            migrationBuilder.DropColumn(
                name: "manual_tier",
                table: "members");

            migrationBuilder.DropColumn(
                name: "manual_tier_reason",
                table: "members");

            migrationBuilder.DropColumn(
                name: "manual_tier_until",
                table: "members");

            migrationBuilder.DropColumn(
                name: "qualification",
                table: "members");

            migrationBuilder.DropColumn(
                name: "tier_review_at",
                table: "members");

            migrationBuilder.DropColumn(
                name: "tier_since",
                table: "members");
        }
    }
}
