namespace Grocery.Catalog.Importing;

public sealed record ImportError(int Line, string Field, string Message);

public sealed record ImportResult(int Rows, int Created, int Updated, int Unchanged, IReadOnlyList<ImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
