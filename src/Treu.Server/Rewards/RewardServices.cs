using Treu.Server.Jobs;
using Treu.Server.Transactions;

namespace Treu.Server.Rewards;

public static class RewardServices
{
    /// <summary>The rewards catalogue, vouchers and coupon campaigns, and their part in every purchase and return.</summary>
    public static IServiceCollection AddRewards(this IServiceCollection services)
    {
        services.AddSingleton<CodeGuesses>();
        services.AddScoped<VoucherCheck>();
        services.AddScoped<RewardCatalogue>();
        services.AddScoped<RewardAdmin>();
        services.AddScoped<RedeemReward>();
        services.AddScoped<ValidateVoucher>();
        services.AddScoped<ReserveVoucher>();
        services.AddScoped<RedeemVoucher>();
        services.AddScoped<CancelVoucher>();
        services.AddScoped<CouponAdmin>();
        services.AddScoped<CouponCodes>();
        services.AddScoped<VoucherExpiry>();
        services.AddScoped<VoucherParticipant>();
        services.AddScoped<IPurchaseParticipant>(sp => sp.GetRequiredService<VoucherParticipant>());
        services.AddScoped<IReturnParticipant>(sp => sp.GetRequiredService<VoucherParticipant>());
        services.AddHostedService<VoucherExpiryService>();
        return services;
    }
}
