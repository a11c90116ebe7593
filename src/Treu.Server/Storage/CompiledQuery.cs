using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Treu.Server.Storage;

/// <summary>
/// An EF Core compiled query for the hot path, compiled once per model. EF Core skips its per-call work for a compiled
/// query (reading the expression's parameters, finding the query in its cache: a tenth of the time a purchase held the
/// SQLite write lane), but a compiled query serves one model only and throws for a context of another: a server has one,
/// but the test run holds many (each database and each test host builds its own).
/// </summary>
/// <param name="compile">Makes the delegate, with <c>EF.CompileAsyncQuery</c>.</param>
public sealed class CompiledQuery<TDelegate>(Func<TDelegate> compile) where TDelegate : class
{
    private readonly ConditionalWeakTable<IModel, TDelegate> _byModel = new();

    public TDelegate For(DbContext db) => _byModel.GetValue(db.Model, _ => compile());
}
