using Cdss.Api;
using Cdss.Emulator.Http;

namespace Cdss.Tests;

/// <summary>
/// The emulator's read flags (which operations --fault-rate may fault) and the client's allow-list of reads (the only
/// calls it ever sends twice) must agree, both ways, for every operation the emulator serves.
/// </summary>
public class EmulatorReadFlagTests
{
    public static IEnumerable<object[]> ServedOperations() =>
        CdssRouter.Table.Select(s => new object[] { s.Method, SamplePath(s), s.IsRead });

    /// <summary>The operation's path below the API prefix, with a number where it takes one.</summary>
    private static string SamplePath(OperationSpec spec) =>
        $"/{spec.Area}/{spec.Segment}" + (spec.HasPathNo ? spec.Area == CdssRouter.ClusterArea ? "/3432149" : "/101" : "");

    [Theory]
    [MemberData(nameof(ServedOperations))]
    public void TheEmulatorsReadFlag_IsTheClientsAnswer(string method, string path, bool emulatorSaysRead)
    {
        Assert.True(emulatorSaysRead == ReadOperations.IsRead(new HttpMethod(method), path),
            $"{method} {path}: the emulator says {(emulatorSaysRead ? "read" : "not a read")}, the client says the opposite");
    }

    [Fact]
    public void TheEmulatorServesReadsAndChanges_SoTheTheoryComparesBoth()
    {
        Assert.Contains(CdssRouter.Table, s => s.IsRead);
        Assert.Contains(CdssRouter.Table, s => !s.IsRead);
        // A GET that restarts something is the case a method-based rule would get wrong.
        Assert.Contains(CdssRouter.Table, s => s.Method == "GET" && !s.IsRead);
    }
}
