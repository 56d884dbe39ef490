using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Cdss.Tests;

/// <summary>
/// Windows PowerShell 5.1 runs on .NET Framework 4.7.2+, which lacks System.Text.Json and friends. Walks
/// Cdss.dll's reference closure in the BUILT module folder (out/Cdss, written by build.ps1 -Task Build) and
/// fails on any assembly that is neither part of .NET Framework 4.7.2 (including its netstandard facades),
/// nor the PowerShell host's own, nor shipped in the module's dependencies folder at a sufficient version.
/// </summary>
public sealed class ModuleClosureTests
{
    // Supplied by the PowerShell 5.1 host process itself.
    private static readonly HashSet<string> HostAssemblies = new(StringComparer.OrdinalIgnoreCase)
    {
        "System.Management.Automation", "Microsoft.Management.Infrastructure", "Microsoft.PowerShell.Commands.Utility",
    };

    private static string Metadata(string key) =>
        typeof(ModuleClosureTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static string ModuleDirectory
    {
        get
        {
            var directory = Metadata("BuiltModuleDirectory");
            Assert.True(File.Exists(Path.Combine(directory, "Cdss.dll")),
                $"The built module is missing at {directory}; run 'dotnet pwsh ./build.ps1 -Task Build' first.");
            AssertBuiltFromCurrentSources(directory);
            return directory;
        }
    }

    /// <summary>
    /// These tests read the module build.ps1 laid out, not the code being compiled: a copy older than the sources
    /// would pass or fail for the code as it used to be. Cdss.dll is compiled from the C# files and the project
    /// file, so it must be at least as new as each of them (build.ps1 keeps the compiler's write time).
    /// </summary>
    private static void AssertBuiltFromCurrentSources(string moduleDirectory)
    {
        var dll = Path.Combine(moduleDirectory, "Cdss.dll");
        var built = File.GetLastWriteTimeUtc(dll);
        var sources = Metadata("CdssSourceDirectory");
        var newest = Directory.EnumerateFiles(sources, "*", SearchOption.AllDirectories)
            .Where(file => IsCompiledSource(sources, file))
            .Select(file => (Path: file, Changed: File.GetLastWriteTimeUtc(file)))
            .MaxBy(source => source.Changed);
        Assert.False(newest.Path == null, $"No C# source found under {sources}.");
        Assert.True(newest.Changed <= built,
            $"{dll} is stale: it was built at {built:yyyy-MM-dd HH:mm:ss.fff}Z, but {newest.Path} changed at " +
            $"{newest.Changed:yyyy-MM-dd HH:mm:ss.fff}Z. Run 'dotnet pwsh ./build.ps1 -Task Build' first.");
    }

    private static bool IsCompiledSource(string sourceDirectory, string file)
    {
        var firstFolder = Path.GetRelativePath(sourceDirectory, file).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[0];
        if (firstFolder is "bin" or "obj") return false;
        return file.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase);
    }

    private static Dictionary<string, Version> FrameworkAssemblies()
    {
        var root = Metadata("Net472ReferenceAssemblies");
        Assert.True(Directory.Exists(root), $"The .NET Framework 4.7.2 reference assemblies are missing at {root} (restore the test project).");
        var versions = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.EnumerateFiles(root, "*.dll").Concat(Directory.EnumerateFiles(Path.Combine(root, "Facades"), "*.dll")))
        {
            AssemblyName name;
            try
            {
                name = AssemblyName.GetAssemblyName(file);
            }
            catch (BadImageFormatException)
            {
                continue; // a few files in the pack are not managed assemblies
            }
            versions[name.Name!] = name.Version!;
        }
        return versions;
    }

    private static IEnumerable<AssemblyName> ReferencesOf(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences.Select(handle => reader.GetAssemblyReference(handle).GetAssemblyName()).ToList();
    }

    /// <summary>Every assembly the module needs on .NET Framework 4.7.2, and who provides it.</summary>
    private static (List<string> Problems, HashSet<string> ShippedUsed) WalkClosure()
    {
        var framework = FrameworkAssemblies();
        var dependencies = Path.Combine(ModuleDirectory, "dependencies");
        var problems = new List<string>();
        var shippedUsed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>(new[] { Path.Combine(ModuleDirectory, "Cdss.dll") });
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (queue.Count > 0)
        {
            var file = queue.Dequeue();
            if (!visited.Add(file)) continue;
            foreach (var reference in ReferencesOf(file))
            {
                var name = reference.Name!;
                var wanted = reference.Version ?? new Version(0, 0);
                if (HostAssemblies.Contains(name)) continue;
                if (framework.TryGetValue(name, out var inFramework) && inFramework >= wanted) continue;
                var shipped = Path.Combine(dependencies, name + ".dll");
                if (File.Exists(shipped))
                {
                    var version = AssemblyName.GetAssemblyName(shipped).Version!;
                    if (version >= wanted)
                    {
                        shippedUsed.Add(name);
                        queue.Enqueue(shipped);
                        continue;
                    }
                    problems.Add($"{Path.GetFileName(file)} needs {name} {wanted}, but dependencies/ ships {version}");
                    continue;
                }
                problems.Add($"{Path.GetFileName(file)} needs {name} {wanted}, which .NET Framework 4.7.2 lacks{(inFramework != null ? $" (it has {inFramework})" : "")} and the module does not ship");
            }
        }
        return (problems, shippedUsed);
    }

    [Fact]
    public void EveryReferenceIsInTheFrameworkOrShippedAtASufficientVersion()
    {
        var (problems, _) = WalkClosure();
        Assert.True(problems.Count == 0, "Unresolvable on Windows PowerShell 5.1:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void SystemTextJsonAndItsClosureAreShipped()
    {
        var (_, shipped) = WalkClosure();
        foreach (var name in new[] { "System.Text.Json", "System.Memory", "System.Text.Encodings.Web", "Microsoft.Bcl.AsyncInterfaces", "System.Runtime.CompilerServices.Unsafe" })
        {
            Assert.Contains(name, shipped);
        }
    }

    [Fact]
    public void NothingUnneededIsShipped()
    {
        var (_, shipped) = WalkClosure();
        var unneeded = Directory.EnumerateFiles(Path.Combine(ModuleDirectory, "dependencies"), "*.dll")
            .Select(Path.GetFileNameWithoutExtension).Where(f => !shipped.Contains(f!)).ToList();
        Assert.True(unneeded.Count == 0, "Shipped but never referenced: " + string.Join(", ", unneeded));
    }

    [Fact]
    public void OnlyCdssDllSitsBesideTheManifest()
    {
        // Anything else in the root could be picked up by PowerShell's own loading and clash with other modules.
        var dlls = Directory.EnumerateFiles(ModuleDirectory, "*.dll").Select(Path.GetFileName).ToList();
        Assert.Equal(new[] { "Cdss.dll" }, dlls);
    }

    [Fact]
    public void SystemTextJsonIsPinnedTo8()
    {
        var reference = ReferencesOf(Path.Combine(ModuleDirectory, "Cdss.dll")).Single(r => r.Name == "System.Text.Json");
        Assert.Equal(8, reference.Version!.Major);
    }
}
