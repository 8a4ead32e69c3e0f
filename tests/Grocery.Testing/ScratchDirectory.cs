using System.Diagnostics;

namespace Grocery.Testing;

/// <summary>
/// A per-process data directory under the system temp folder. Directories left by crashed runs
/// (their owning process is gone) are removed the next time one is created.
/// </summary>
public static class ScratchDirectory
{
    private const string OwnerFile = "owner.pid";
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "grocery-tests");

    public static string Create(string prefix)
    {
        Directory.CreateDirectory(Root);
        RemoveStale();
        var path = Path.Combine(Root, $"{prefix}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..12]}");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, OwnerFile), Environment.ProcessId.ToString());
        return path;
    }

    public static void Delete(string path)
    {
        try { Directory.Delete(path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static void RemoveStale()
    {
        foreach (var dir in Directory.EnumerateDirectories(Root))
        {
            var owner = Path.Combine(dir, OwnerFile);
            if (!File.Exists(owner) || !int.TryParse(File.ReadAllText(owner), out var pid)) continue;
            if (IsAlive(pid)) continue;
            Delete(dir);
        }
    }

    private static bool IsAlive(int pid)
    {
        try { return !Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }
}
