using System.Diagnostics;

namespace Grocery.AppHost.Infrastructure;

/// <summary>
/// Fresh data directories for local-mode servers, one per AppHost run. Directories left by runs
/// that crashed (their AppHost process is gone) are removed when the next run starts.
/// </summary>
public static class LocalDataDirectory
{
    private const string OwnerFile = "apphost.pid";
    public static readonly string Root = Path.Combine(Path.GetTempPath(), "grocery-apphost");

    public static string Create(string name)
    {
        Directory.CreateDirectory(Root);
        var path = Path.Combine(Root, $"{name}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, OwnerFile), Environment.ProcessId.ToString());
        return path;
    }

    public static void RemoveStale()
    {
        if (!Directory.Exists(Root)) return;
        foreach (var dir in Directory.EnumerateDirectories(Root))
        {
            var owner = Path.Combine(dir, OwnerFile);
            if (File.Exists(owner) && int.TryParse(File.ReadAllText(owner), out var pid) && IsAlive(pid)) continue;
            Delete(dir);
        }
    }

    public static void Delete(string path)
    {
        try { Directory.Delete(path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static bool IsAlive(int pid)
    {
        try { return !Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }
}
