using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Treu.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RewardsVouchersCoupons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "vouchers",
                table: "purchases",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "refund_unused_vouchers",
                table: "programs",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "coupon_campaigns",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    program_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    terms = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    percent = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    max_discount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    sku = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    category = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    public_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    code_prefix = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    min_basket = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    categories = table.Column<string>(type: "text", nullable: false),
                    skus = table.Column<string>(type: "text", nullable: false),
                    first_purchase_only = table.Column<bool>(type: "boolean", nullable: false),
                    once_per_member = table.Column<bool>(type: "boolean", nullable: false),
                    members_only = table.Column<bool>(type: "boolean", nullable: false),
                    max_redemptions = table.Column<long>(type: "bigint", nullable: true),
                    budget = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    channels = table.Column<string>(type: "text", nullable: false),
                    stores = table.Column<string>(type: "text", nullable: false),
                    valid_from = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    valid_to = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    redemptions = table.Column<long>(type: "bigint", nullable: false),
                    discount_given = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    codes_issued = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coupon_campaigns", x => new { x.program_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "coupon_redemptions",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    program_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    campaign_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    member_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    purchase_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    external_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    discount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    redeemed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    returned_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coupon_redemptions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "donations",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    program_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    member_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reward_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    recipient = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    points_spent = table.Column<long>(type: "bigint", nullable: false),
                    receipt_line = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_donations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reward_images",
                columns: table => new
                {
                    program_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reward_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    content_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    data = table.Column<byte[]>(type: "bytea", nullable: false),
                    width = table.Column<int>(type: "integer", nullable: false),
                    height = table.Column<int>(type: "integer", nullable: false),
                    tag = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reward_images", x => new { x.program_id, x.reward_id });
                });

            migrationBuilder.CreateTable(
                name: "reward_stocks",
                columns: table => new
                {
                    program_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reward_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    total = table.Column<long>(type: "bigint", nullable: true),
                    issued = table.Column<long>(type: "bigint", nullable: false),
                    points_spent = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reward_stocks", x => new { x.program_id, x.reward_id });
                });

            migrationBuilder.CreateTable(
                name: "rewards",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    program_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    points_cost = table.Column<long>(type: "bigint", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    percent = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    max_discount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    sku = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    category = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    min_basket = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    donation_recipient = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    valid_from = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    valid_to = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    voucher_valid_days = table.Column<int>(type: "integer", nullable: false),
                    voucher_valid_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    stock_total = table.Column<long>(type: "bigint", nullable: true),
                    limit_per_member = table.Column<int>(type: "integer", nullable: true),
                    limit_period = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    tiers = table.Column<string>(type: "text", nullable: false),
                    segments = table.Column<string>(type: "text", nullable: false),
                    min_member_days = table.Column<int>(type: "integer", nullable: true),
                    name = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    terms = table.Column<string>(type: "text", nullable: false),
                    image_tag = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rewards", x => new { x.program_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "vouchers",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    program_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    member_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reward_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    campaign_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    amount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    percent = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    max_discount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    sku = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    category = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    min_basket = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    name = table.Column<string>(type: "text", nullable: false),
                    terms = table.Column<string>(type: "text", nullable: false),
                    valid_from = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    valid_to = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    issued_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    points_spent = table.Column<long>(type: "bigint", nullable: false),
                    spent_lots = table.Column<string>(type: "text", nullable: false),
                    reserved_for = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    reserved_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    redeemed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    redeemed_purchase_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    redeemed_external_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    redeemed_discount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    points_refunded = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vouchers", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_coupon_campaigns_program_id_public_code",
                table: "coupon_campaigns",
                columns: new[] { "program_id", "public_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_coupon_redemptions_program_id_campaign_id_member_id",
                table: "coupon_redemptions",
                columns: new[] { "program_id", "campaign_id", "member_id" });

            migrationBuilder.CreateIndex(
                name: "ix_coupon_redemptions_purchase_id",
                table: "coupon_redemptions",
                column: "purchase_id");

            migrationBuilder.CreateIndex(
                name: "ix_donations_member_id_reward_id_created_at",
                table: "donations",
                columns: new[] { "member_id", "reward_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_rewards_program_id_status",
                table: "rewards",
                columns: new[] { "program_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_vouchers_member_id_reward_id_issued_at",
                table: "vouchers",
                columns: new[] { "member_id", "reward_id", "issued_at" });

            migrationBuilder.CreateIndex(
                name: "ix_vouchers_program_id_campaign_id",
                table: "vouchers",
                columns: new[] { "program_id", "campaign_id" });

            migrationBuilder.CreateIndex(
                name: "ix_vouchers_program_id_code",
                table: "vouchers",
                columns: new[] { "program_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_vouchers_status_valid_to",
                table: "vouchers",
                columns: new[] { "status", "valid_to" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "coupon_campaigns");

            migrationBuilder.DropTable(
                name: "coupon_redemptions");

            migrationBuilder.DropTable(
                name: "donations");

            migrationBuilder.DropTable(
                name: "reward_images");

            migrationBuilder.DropTable(
                name: "reward_stocks");

            migrationBuilder.DropTable(
                name: "rewards");

            migrationBuilder.DropTable(
                name: "vouchers");

            migrationBuilder.DropColumn(
                name: "vouchers",
                table: "purchases");

            migrationBuilder.DropColumn(
                name: "refund_unused_vouchers",
                table: "programs");
        }
    }
}
