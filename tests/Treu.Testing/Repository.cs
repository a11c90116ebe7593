namespace Treu.Testing;

/// <summary>The checkout the tests run from, for the specs that read the sources and docs themselves.</summary>
public static class Repository
{
    /// <summary>The folder holding Treu.slnx, found upwards from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Treu.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException($"No Treu.slnx above {AppContext.BaseDirectory}.");
    }
}
