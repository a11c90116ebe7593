using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Treu.Server.Storage.Migrations.Postgres
{
    /// <summary>
    /// Members' pages half full (see PostgresTreuDbContext), so that balance updates are HOT. This applies to pages
    /// written from now on; pages an existing database already filled stay full until the table is rewritten
    /// (<c>VACUUM FULL members</c> in a maintenance window, or pg_repack) — not done here, as it would lock the table.
    /// </summary>
    public partial class MembersHalfFullPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "members")
                .Annotation("Npgsql:StorageParameter:fillfactor", 50);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "members")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 50);
        }
    }
}
