namespace Treu.Domain.Purchases;

public sealed record BasketLine(string Sku, string? Name, string? Category, decimal Quantity, decimal UnitPrice, decimal Discount, string? Brand = null)
{
    public decimal NetAmount => Math.Round(Quantity * UnitPrice - Discount, 2, MidpointRounding.AwayFromZero);
}
