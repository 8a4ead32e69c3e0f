namespace Grocery.Identity.Tests;

/// <summary>One Identity host (fresh database) shared by the tests of a class.</summary>
public sealed class SharedIdentityApp(IdentityInfrastructure infrastructure) : IAsyncLifetime
{
    public IdentityApp App { get; private set; } = null!;

    public IdentityInfrastructure Infrastructure => infrastructure;

    public async ValueTask InitializeAsync() => App = await IdentityApp.StartAsync(infrastructure);

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
