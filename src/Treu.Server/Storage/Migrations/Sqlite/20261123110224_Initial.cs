using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Treu.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    store_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    prefix = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    secret_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "idempotency_records",
                columns: table => new
                {
                    program_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    status_code = table.Column<int>(type: "INTEGER", nullable: false),
                    response_body = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_records", x => new { x.program_id, x.scope, x.key });
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    member_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    seq = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    available_delta = table.Column<long>(type: "INTEGER", nullable: false),
                    pending_delta = table.Column<long>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    store_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    cause_type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    cause_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    lot_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    prev_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lots",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    member_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    original = table.Column<long>(type: "INTEGER", nullable: false),
                    remaining = table.Column<long>(type: "INTEGER", nullable: false),
                    earned_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    available_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    cause_type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    cause_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "members",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    member_number = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    first_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    last_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    birth_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    language = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    blocked_reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    enrolled_channel = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    enrolled_store_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    available = table.Column<long>(type: "INTEGER", nullable: false),
                    pending = table.Column<long>(type: "INTEGER", nullable: false),
                    lifetime_earned = table.Column<long>(type: "INTEGER", nullable: false),
                    lifetime_spent = table.Column<long>(type: "INTEGER", nullable: false),
                    last_seq = table.Column<long>(type: "INTEGER", nullable: false),
                    last_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_members", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "programs",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    points_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    earn_rate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    earn_rounding = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    excluded_categories = table.Column<string>(type: "TEXT", nullable: false),
                    pending_days = table.Column<int>(type: "INTEGER", nullable: false),
                    expiry_months = table.Column<int>(type: "INTEGER", nullable: true),
                    point_value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    min_redemption_points = table.Column<long>(type: "INTEGER", nullable: false),
                    max_redemption_points = table.Column<long>(type: "INTEGER", nullable: true),
                    max_redemption_share = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    return_policy = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    qr_secret = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_programs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "purchases",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    member_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    store_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    total = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    eligible_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    points_earned = table.Column<long>(type: "INTEGER", nullable: false),
                    earned_pending = table.Column<bool>(type: "INTEGER", nullable: false),
                    points_redeemed = table.Column<long>(type: "INTEGER", nullable: false),
                    redeemed_value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    earn_lot_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    breakdown = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_purchases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "returns",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    purchase_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    member_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    store_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    points_reversed = table.Column<long>(type: "INTEGER", nullable: false),
                    points_refunded = table.Column<long>(type: "INTEGER", nullable: false),
                    shortfall = table.Column<long>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_returns", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "transfers",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    program_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    from_member_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    to_member_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    points = table.Column<long>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transfers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "consents",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    program_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    member_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    granted = table.Column<bool>(type: "INTEGER", nullable: false),
                    text_version = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consents", x => x.id);
                    table.ForeignKey(
                        name: "fk_consents_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "member_cards",
                columns: table => new
                {
                    program_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    member_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    added_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_member_cards", x => new { x.program_id, x.number });
                    table.ForeignKey(
                        name: "fk_member_cards_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "purchase_lines",
                columns: table => new
                {
                    purchase_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    line_no = table.Column<int>(type: "INTEGER", nullable: false),
                    program_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    member_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    category = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    unit_price = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    discount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    net_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    eligible_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    points_earned = table.Column<long>(type: "INTEGER", nullable: false),
                    points_redeemed = table.Column<long>(type: "INTEGER", nullable: false),
                    returned_quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    points_reversed = table.Column<long>(type: "INTEGER", nullable: false),
                    points_refunded = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_purchase_lines", x => new { x.purchase_id, x.line_no });
                    table.ForeignKey(
                        name: "fk_purchase_lines_purchases_purchase_id",
                        column: x => x.purchase_id,
                        principalTable: "purchases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "return_line",
                columns: table => new
                {
                    return_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    line_no = table.Column<int>(type: "INTEGER", nullable: false),
                    program_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    member_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    points_reversed = table.Column<long>(type: "INTEGER", nullable: false),
                    points_refunded = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_return_line", x => new { x.return_id, x.line_no });
                    table.ForeignKey(
                        name: "fk_return_line_returns_return_id",
                        column: x => x.return_id,
                        principalTable: "returns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_secret_hash",
                table: "api_keys",
                column: "secret_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_consents_member_id",
                table: "consents",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_records_expires_at",
                table: "idempotency_records",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_member_id_seq",
                table: "ledger_entries",
                columns: new[] { "member_id", "seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_program_id_created_at",
                table: "ledger_entries",
                columns: new[] { "program_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_lots_member_id_state",
                table: "lots",
                columns: new[] { "member_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_lots_program_id_state_available_at",
                table: "lots",
                columns: new[] { "program_id", "state", "available_at" });

            migrationBuilder.CreateIndex(
                name: "ix_lots_program_id_state_expires_at",
                table: "lots",
                columns: new[] { "program_id", "state", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_member_cards_member_id",
                table: "member_cards",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_members_program_id_email",
                table: "members",
                columns: new[] { "program_id", "email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_members_program_id_member_number",
                table: "members",
                columns: new[] { "program_id", "member_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_members_program_id_phone",
                table: "members",
                columns: new[] { "program_id", "phone" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_purchases_member_id",
                table: "purchases",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_purchases_program_id_channel_store_id_external_id",
                table: "purchases",
                columns: new[] { "program_id", "channel", "store_id", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_returns_program_id_channel_store_id_external_id",
                table: "returns",
                columns: new[] { "program_id", "channel", "store_id", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_returns_purchase_id",
                table: "returns",
                column: "purchase_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "consents");

            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropTable(
                name: "ledger_entries");

            migrationBuilder.DropTable(
                name: "lots");

            migrationBuilder.DropTable(
                name: "member_cards");

            migrationBuilder.DropTable(
                name: "programs");

            migrationBuilder.DropTable(
                name: "purchase_lines");

            migrationBuilder.DropTable(
                name: "return_line");

            migrationBuilder.DropTable(
                name: "transfers");

            migrationBuilder.DropTable(
                name: "members");

            migrationBuilder.DropTable(
                name: "purchases");

            migrationBuilder.DropTable(
                name: "returns");
        }
    }
}
