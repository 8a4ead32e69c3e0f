using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Grocery.Deploy.Tests;

public sealed class KeyPerFileTests : IDisposable
{
    private readonly string _directory = ScratchDirectory.Create("key-per-file");

    [Fact]
    public void A_file_in_the_secrets_directory_overrides_the_environment_under_its_configuration_key()
    {
        File.WriteAllText(Path.Combine(_directory, "ConnectionStrings__catalogdb"), "Host=from-vault");
        var builder = WebApplication.CreateBuilder(["--ConnectionStrings:catalogdb=Host=from-environment", $"--{KeyPerFileExtensions.DirectoryKey}={_directory}"]);

        builder.AddKeyPerFileSecrets();

        Assert.Equal("Host=from-vault", builder.Configuration.GetConnectionString("catalogdb"));
    }

    [Fact]
    public void Every_service_reads_the_secrets_directory_through_its_service_defaults()
    {
        File.WriteAllText(Path.Combine(_directory, "ConnectionStrings__cache"), "cache.from-vault:6380");
        var builder = WebApplication.CreateBuilder([$"--{KeyPerFileExtensions.DirectoryKey}={_directory}"]);

        builder.AddServiceDefaults();

        Assert.Equal("cache.from-vault:6380", builder.Configuration.GetConnectionString("cache"));
    }

    [Fact]
    public void Without_a_secrets_directory_the_environment_is_read_as_before()
    {
        File.WriteAllText(Path.Combine(_directory, "ConnectionStrings__catalogdb"), "Host=from-vault");
        var builder = WebApplication.CreateBuilder(["--ConnectionStrings:catalogdb=Host=from-environment"]);

        builder.AddKeyPerFileSecrets();

        Assert.Equal("Host=from-environment", builder.Configuration.GetConnectionString("catalogdb"));
    }

    public void Dispose() => ScratchDirectory.Delete(_directory);
}
