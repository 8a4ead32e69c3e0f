using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Grocery.Firestore;

public static class FirestoreServiceCollectionExtensions
{
    /// <summary>The environment variable Google's SDKs and the AppHost use to point at an emulator.</summary>
    public const string EmulatorHostVariable = "FIRESTORE_EMULATOR_HOST";

    /// <summary>
    /// Binds <see cref="FirestoreOptions"/> and registers <see cref="IFirestoreClient"/> when an
    /// emulator or a project is configured; returns whether it did.
    /// </summary>
    public static bool AddFirestoreClient(this IHostApplicationBuilder builder)
    {
        var options = ReadOptions(builder.Configuration);
        builder.Services.AddSingleton(Options.Create(options));
        if (!options.IsConfigured)
        {
            return false;
        }
        builder.Services.TryAddSingleton<IFirestoreClient>(_ => new GrpcFirestoreClient(options));
        return true;
    }

    public static FirestoreOptions ReadOptions(IConfiguration configuration)
    {
        var options = new FirestoreOptions();
        configuration.GetSection(FirestoreOptions.SectionName).Bind(options);
        if (options.EmulatorHost.Length == 0)
        {
            options.EmulatorHost = configuration[EmulatorHostVariable] ?? "";
        }
        return options;
    }
}
