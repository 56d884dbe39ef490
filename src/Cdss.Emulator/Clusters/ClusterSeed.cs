namespace Cdss.Emulator.Clusters;

/// <summary>The clusters the emulator starts with: a fixed named seed, or N generated ones.</summary>
public static class ClusterSeed
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    public static List<Cluster> Default() =>
    [
        Make(3432149, "kafka-prod-01", "running", "3.5.1", "10501", "vpc-prod", new(2024, 3, 6, 10, 15, 30, Kst), 3, "[Standard] vCPU 4EA, Memory 16GB", 2),
        Make(3432150, "kafka-prod-02", "running", "3.5.1", "10501", "vpc-prod", new(2024, 3, 6, 11, 2, 11, Kst), 5, "[Standard] vCPU 4EA, Memory 16GB", 2),
        Make(3432151, "kafka-stage", "changing", "3.4.0", "10502", "vpc-stage", new(2024, 5, 20, 9, 41, 5, Kst), 3, "[Standard] vCPU 2EA, Memory 8GB", 1),
        Make(3432152, "kafka-dev", "error", "2.8.2", "10503", "vpc-dev", new(2024, 7, 1, 14, 0, 48, Kst), 3, "[Standard] vCPU 2EA, Memory 8GB", 1),
        Make(3432153, "kafka-analytics", "running", "3.5.1", "10504", "vpc-analytics", new(2024, 9, 12, 16, 30, 0, Kst), 4, "[High CPU] vCPU 8EA, Memory 16GB", 2),
        // Fails at the second broker (index 1) so clients can rehearse a failed rolling restart.
        Make(3432154, "kafka-flaky", "running", "3.4.0", "10505", "vpc-test", new(2024, 11, 4, 8, 5, 59, Kst), 3, "[Standard] vCPU 2EA, Memory 8GB", 1, failAt: 1),
    ];

    /// <summary>
    /// Deterministic so that paging tests can assert exact contents: every fifth cluster is
    /// not ready, cycling through changing, error and creating.
    /// </summary>
    public static List<Cluster> Generate(int count)
    {
        string[] notReady = ["changing", "error", "creating"];
        string[] versions = ["3.5.1", "3.4.0", "2.8.2"];
        string[] vpcs = ["vpc-gen-a", "vpc-gen-b", "vpc-gen-c"];
        string[] products = ["[Standard] vCPU 2EA, Memory 8GB", "[Standard] vCPU 4EA, Memory 16GB"];
        var baseDate = new DateTimeOffset(2023, 1, 2, 9, 0, 0, Kst);

        var list = new List<Cluster>(count);
        for (var i = 1; i <= count; i++)
        {
            var status = i % 5 == 0 ? notReady[(i / 5 - 1) % 3] : "running";
            list.Add(Make(5_000_000 + i, $"kafka-gen-{i:D4}", status, versions[i % 3], (20_000 + i % 3).ToString(),
                vpcs[i % 3], baseDate.AddHours(7 * i).AddSeconds(i * 13 % 60), 3 + i % 3, products[i % 2], 1 + i % 2));
        }
        return list;
    }

    private static Cluster Make(long no, string name, string status, string kafka, string vpcNo, string vpcName,
        DateTimeOffset created, int brokers, string product, int managers, int? failAt = null) => new()
    {
        No = no,
        Name = name,
        SeedServerStatus = status,
        KafkaVersion = kafka,
        ApplicationVersion = "CMAK 3.0.0.6",
        VpcNo = vpcNo,
        VpcName = vpcName,
        CreateDate = created,
        BrokerCount = brokers,
        BrokerProductName = product,
        ManagerCount = managers,
        FailAtBroker = failAt,
    };
}
