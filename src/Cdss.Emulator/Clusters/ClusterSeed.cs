namespace Cdss.Emulator.Clusters;

/// <summary>The clusters the emulator starts with: a fixed named seed, or N generated ones.</summary>
public static class ClusterSeed
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);
    private const string Small = "[Standard] vCPU 2EA, Memory 8GB";
    private const string Medium = "[Standard] vCPU 4EA, Memory 16GB";
    private const string HighCpu = "[High CPU] vCPU 8EA, Memory 16GB";

    public static List<Cluster> Default() =>
    [
        Make(3432149, "kafka-prod-01", "running", "3713006", 101, 10501, "vpc-prod", new(2024, 3, 6, 10, 15, 30, Kst), 3, Medium, 2),
        Make(3432150, "kafka-prod-02", "running", "3713006", 101, 10501, "vpc-prod", new(2024, 3, 6, 11, 2, 11, Kst), 5, Medium, 2),
        Make(3432151, "kafka-stage", "changing", "3903006", 201, 10502, "vpc-stage", new(2024, 5, 20, 9, 41, 5, Kst), 3, Small, 1),
        // The one cluster whose "not running" answer carries a non-zero code: clients must handle both forms.
        Make(3432152, "kafka-dev", "error", "2823006", 301, 10503, "vpc-dev", new(2024, 7, 1, 14, 0, 48, Kst), 3, Small, 1,
            notReadyCode: EnvelopeCodes.NotRunning),
        Make(3432153, "kafka-analytics", "running", "3713006", 102, 10504, "vpc-analytics", new(2024, 9, 12, 16, 30, 0, Kst), 4, HighCpu, 2),
        // Fails at its second broker so clients can rehearse a failed restart.
        Make(3432154, "kafka-flaky", "running", "3713006", 101, 10505, "vpc-test", new(2024, 11, 4, 8, 5, 59, Kst), 3, Small, 1, failAt: 2),
        // Visible in disallowedClusters only: this key may not act on it.
        Make(3432160, "kafka-payments", "running", "3713006", 101, 10501, "vpc-prod", new(2025, 2, 17, 13, 20, 7, Kst), 3, Medium, 2,
            allowed: false),
    ];

    /// <summary>
    /// Deterministic so that paging tests can assert exact contents: every fifth cluster is not ready,
    /// cycling through changing, error and creating; config groups (and so versions) go round-robin.
    /// No generated cluster is disallowed, so counts stay exact.
    /// </summary>
    public static List<Cluster> Generate(int count)
    {
        string[] notReady = ["changing", "error", "creating"];
        string[] vpcs = ["vpc-gen-a", "vpc-gen-b", "vpc-gen-c"];
        string[] products = [Small, Medium];
        var groups = ConfigGroupSeed.Default();
        var baseDate = new DateTimeOffset(2023, 1, 2, 9, 0, 0, Kst);

        var list = new List<Cluster>(count);
        for (var i = 1; i <= count; i++)
        {
            var status = i % 5 == 0 ? notReady[(i / 5 - 1) % 3] : "running";
            var group = groups[(i - 1) % groups.Count];
            list.Add(Make(5_000_000 + i, $"kafka-gen-{i:D4}", status, group.KafkaVersionCode, group.No, 20_000 + i % 3,
                vpcs[i % 3], baseDate.AddHours(7 * i).AddSeconds(i * 13 % 60), 3 + i % 3, products[i % 2], 1 + i % 2));
        }
        return list;
    }

    private static Cluster Make(long no, string name, string status, string versionCode, int configGroupNo, long vpcNo, string vpcName,
        DateTimeOffset created, int brokers, string product, int managers, int? failAt = null, int? notReadyCode = null, bool allowed = true) => new()
    {
        No = no,
        Name = name,
        Allowed = allowed,
        StatusAtRest = status,
        KafkaVersionCode = versionCode,
        ConfigGroupNo = configGroupNo,
        VpcNo = vpcNo,
        VpcName = vpcName,
        CreateDate = created,
        BrokerCount = brokers,
        BrokerProductName = product,
        BrokerProductCode = ProductCode(product),
        BrokerStorageGb = 100 * (1 + brokers % 3),
        ManagerCount = managers,
        FailAtBroker = failAt,
        NotReadyCode = notReadyCode,
    };

    /// <summary>A product code in NCP's shape for the product name ("SVR.VCDSS.STAND.C004.M016...").</summary>
    private static string ProductCode(string product) => product switch
    {
        Small => "SVR.VCDSS.STAND.C002.M008.NET.SSD.B050.G002",
        Medium => "SVR.VCDSS.STAND.C004.M016.NET.SSD.B050.G002",
        HighCpu => "SVR.VCDSS.HICPU.C008.M016.NET.SSD.B050.G002",
        _ => throw new ArgumentOutOfRangeException(nameof(product), product, "no product code for this product"),
    };
}
