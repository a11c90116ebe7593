using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Treu.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Rules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "cashback",
                table: "purchases",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "payment_methods",
                table: "purchases",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "brand",
                table: "purchase_lines",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "time_zone",
                table: "programs",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "Europe/Berlin");

            migrationBuilder.AddColumn<string>(
                name: "attributes",
                table: "members",
                type: "text",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "tags",
                table: "members",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "tier",
                table: "members",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rules",
                table: "ledger_entries",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    program_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    target_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    target_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    details = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "campaigns",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    program_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    starts_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaigns", x => new { x.program_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "member_events",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    program_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    member_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    external_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    channel = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    points = table.Column<long>(type: "bigint", nullable: false),
                    breakdown = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_member_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rule_awards",
                columns: table => new
                {
                    program_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    rule_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    member_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    points = table.Column<long>(type: "bigint", nullable: false),
                    times = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rule_awards", x => new { x.program_id, x.rule_id, x.member_id, x.day });
                });

            migrationBuilder.CreateTable(
                name: "rule_budgets",
                columns: table => new
                {
                    program_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    rule_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    points = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rule_budgets", x => new { x.program_id, x.rule_id });
                });

            migrationBuilder.CreateTable(
                name: "rule_versions",
                columns: table => new
                {
                    program_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    rule_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    definition = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rule_versions", x => new { x.program_id, x.rule_id, x.version });
                });

            migrationBuilder.CreateTable(
                name: "rules",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    program_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    campaign_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    definition = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rules", x => new { x.program_id, x.id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_program_id_at",
                table: "audit_entries",
                columns: new[] { "program_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_member_events_member_id_occurred_at",
                table: "member_events",
                columns: new[] { "member_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_member_events_program_id_occurred_at",
                table: "member_events",
                columns: new[] { "program_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_rule_awards_member_id_day",
                table: "rule_awards",
                columns: new[] { "member_id", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_rules_program_id_campaign_id",
                table: "rules",
                columns: new[] { "program_id", "campaign_id" });

            migrationBuilder.CreateIndex(
                name: "ix_rules_program_id_status",
                table: "rules",
                columns: new[] { "program_id", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "campaigns");

            migrationBuilder.DropTable(
                name: "member_events");

            migrationBuilder.DropTable(
                name: "rule_awards");

            migrationBuilder.DropTable(
                name: "rule_budgets");

            migrationBuilder.DropTable(
                name: "rule_versions");

            migrationBuilder.DropTable(
                name: "rules");

            migrationBuilder.DropColumn(
                name: "cashback",
                table: "purchases");

            migrationBuilder.DropColumn(
                name: "payment_methods",
                table: "purchases");

            migrationBuilder.DropColumn(
                name: "brand",
                table: "purchase_lines");

            migrationBuilder.DropColumn(
                name: "time_zone",
                table: "programs");

            migrationBuilder.DropColumn(
                name: "attributes",
                table: "members");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "members");

            migrationBuilder.DropColumn(
                name: "tier",
                table: "members");

            migrationBuilder.DropColumn(
                name: "rules",
                table: "ledger_entries");
        }
    }
}
