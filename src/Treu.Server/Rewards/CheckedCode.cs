using Treu.Domain.Common;
using Treu.Domain.Programs;
using Treu.Domain.Purchases;
using Treu.Domain.Rewards;
using Treu.Server.Hosting;
using Treu.Server.Transactions;

namespace Treu.Server.Rewards;

/// <summary>A code request as checked: the code, the member if named, where it is used, for which receipt, and the basket if given.</summary>
public sealed record CheckedCode(string Code, string? MemberId, string? ExternalId, string Channel, string? StoreId, List<BasketLine>? Lines)
{
    /// <summary>The code as the program keeps it: canonical for a voucher code, compacted for a public one.</summary>
    public string Key => VoucherCode.Read(Code).Canonical ?? VoucherCode.Compact(Code) ?? Code;

    public string Holder => VoucherCheck.Holder(Channel, StoreId, ExternalId);

    public decimal BasketTotal => Lines?.Sum(l => l.NetAmount) ?? 0;

    public CodeUse Use(Treu.Domain.Members.Member? member) => new(Channel, StoreId, member, Holder, Lines, BasketTotal);
}
