using System.Diagnostics;
using Grocery.AppHost.Infrastructure;

namespace Grocery.AppHost.Tests;

public sealed class LocalDataDirectoryTests
{
    [Fact]
    public void Starting_removes_the_data_directories_of_runs_whose_apphost_is_gone_and_keeps_live_ones()
    {
        var live = LocalDataDirectory.Create("test-live");
        var stale = LocalDataDirectory.Create("test-stale");
        File.WriteAllText(Path.Combine(stale, "PG_VERSION"), "15");
        File.WriteAllText(Path.Combine(stale, "apphost.pid"), ExitedProcessId().ToString());
        try
        {
            LocalDataDirectory.RemoveStale();

            Assert.False(Directory.Exists(stale), "the directory of a crashed run is still there");
            Assert.True(Directory.Exists(live), "the directory of this (live) run was removed");
        }
        finally
        {
            LocalDataDirectory.Delete(live);
            LocalDataDirectory.Delete(stale);
        }
    }

    private static int ExitedProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }
}
