using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Grocery.Messaging.TestWorker;

/// <summary>For `dotnet ef migrations add` only.</summary>
public sealed class TestDbContextFactory : IDesignTimeDbContextFactory<TestDbContext>
{
    public TestDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TestDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
