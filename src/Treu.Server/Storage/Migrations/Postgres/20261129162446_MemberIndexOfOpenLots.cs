using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Treu.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
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
