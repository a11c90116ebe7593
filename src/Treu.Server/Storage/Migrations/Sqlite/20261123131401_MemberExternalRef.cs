using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Treu.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MemberExternalRef : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "external_ref",
                table: "members",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_members_program_id_external_ref",
                table: "members",
                columns: new[] { "program_id", "external_ref" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_members_program_id_external_ref",
                table: "members");

            migrationBuilder.DropColumn(
                name: "external_ref",
                table: "members");
        }
    }
}
