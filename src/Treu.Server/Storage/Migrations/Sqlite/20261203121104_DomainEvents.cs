using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Treu.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DomainEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "last_event_seq",
                table: "members",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "domain_events",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    member_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    member_seq = table.Column<long>(type: "INTEGER", nullable: true),
                    type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_domain_events", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_domain_events_member_id_member_seq",
                table: "domain_events",
                columns: new[] { "member_id", "member_seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_domain_events_program_id_occurred_at",
                table: "domain_events",
                columns: new[] { "program_id", "occurred_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "domain_events");

            migrationBuilder.DropColumn(
                name: "last_event_seq",
                table: "members");
        }
    }
}
