namespace Grocery.Catalog.Domain;

public enum StorageType
{
    Ambient,
    Chilled,
    Frozen,
}
