using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Treu.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TrustMemberSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "member_sessions",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    program_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    member_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    access_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    access_expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    refresh_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    refresh_expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_member_sessions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "member_sign_in_codes",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    program_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    member_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    code_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    wrong_guesses = table.Column<int>(type: "integer", nullable: false),
                    used_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_member_sign_in_codes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_member_sessions_access_hash",
                table: "member_sessions",
                column: "access_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_member_sessions_program_id_member_id",
                table: "member_sessions",
                columns: new[] { "program_id", "member_id" });

            migrationBuilder.CreateIndex(
                name: "ix_member_sessions_refresh_hash",
                table: "member_sessions",
                column: "refresh_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_member_sign_in_codes_program_id_member_id_created_at",
                table: "member_sign_in_codes",
                columns: new[] { "program_id", "member_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "member_sessions");

            migrationBuilder.DropTable(
                name: "member_sign_in_codes");
        }
    }
}
