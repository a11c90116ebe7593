using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Treu.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConsoleStaffAndFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "brand_colour",
                table: "programs",
                type: "TEXT",
                maxLength: 7,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "logo",
                table: "programs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "support_adjustment_limit",
                table: "programs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "actor_name",
                table: "audit_entries",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "activity_snapshots",
                columns: table => new
                {
                    program_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    store_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    active30 = table.Column<long>(type: "INTEGER", nullable: false),
                    active90 = table.Column<long>(type: "INTEGER", nullable: false),
                    taken_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_activity_snapshots", x => new { x.program_id, x.channel, x.store_id });
                });

            migrationBuilder.CreateTable(
                name: "daily_figures",
                columns: table => new
                {
                    program_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    store_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    members_enrolled = table.Column<long>(type: "INTEGER", nullable: false),
                    purchases = table.Column<long>(type: "INTEGER", nullable: false),
                    sales = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    points_earned = table.Column<long>(type: "INTEGER", nullable: false),
                    points_redeemed = table.Column<long>(type: "INTEGER", nullable: false),
                    points_expired = table.Column<long>(type: "INTEGER", nullable: false),
                    points_reversed = table.Column<long>(type: "INTEGER", nullable: false),
                    points_refunded = table.Column<long>(type: "INTEGER", nullable: false),
                    points_adjusted = table.Column<long>(type: "INTEGER", nullable: false),
                    points_net = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_daily_figures", x => new { x.program_id, x.channel, x.store_id, x.day });
                });

            migrationBuilder.CreateTable(
                name: "daily_rule_points",
                columns: table => new
                {
                    program_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    store_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    rule_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    points = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_daily_rule_points", x => new { x.program_id, x.channel, x.store_id, x.day, x.rule_id });
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    friendly_name = table.Column<string>(type: "TEXT", nullable: true),
                    xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "figures_marks",
                columns: table => new
                {
                    program_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    last_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_figures_marks", x => new { x.program_id, x.source });
                });

            migrationBuilder.CreateTable(
                name: "staff_accounts",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    store_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    password_hash = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    security_stamp = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    failed_sign_ins = table.Column<int>(type: "INTEGER", nullable: false),
                    locked_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    totp_secret = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    totp_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    totp_last_step = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_sign_in_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    disabled_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_accounts", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_members_program_id_first_name",
                table: "members",
                columns: new[] { "program_id", "first_name" });

            migrationBuilder.CreateIndex(
                name: "ix_members_program_id_last_name",
                table: "members",
                columns: new[] { "program_id", "last_name" });

            migrationBuilder.CreateIndex(
                name: "ix_staff_accounts_email",
                table: "staff_accounts",
                column: "email");

            migrationBuilder.CreateIndex(
                name: "ix_staff_accounts_program_id_email",
                table: "staff_accounts",
                columns: new[] { "program_id", "email" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "activity_snapshots");

            migrationBuilder.DropTable(
                name: "daily_figures");

            migrationBuilder.DropTable(
                name: "daily_rule_points");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "figures_marks");

            migrationBuilder.DropTable(
                name: "staff_accounts");

            migrationBuilder.DropIndex(
                name: "ix_members_program_id_first_name",
                table: "members");

            migrationBuilder.DropIndex(
                name: "ix_members_program_id_last_name",
                table: "members");

            migrationBuilder.DropColumn(
                name: "brand_colour",
                table: "programs");

            migrationBuilder.DropColumn(
                name: "logo",
                table: "programs");

            migrationBuilder.DropColumn(
                name: "support_adjustment_limit",
                table: "programs");

            migrationBuilder.DropColumn(
                name: "actor_name",
                table: "audit_entries");
        }
    }
}
