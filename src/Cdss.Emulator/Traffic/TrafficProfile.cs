namespace Cdss.Emulator.Traffic;

/// <summary>
/// A cluster's seeded traffic facts, derived from its number alone so that every run of the emulator (and every
/// test) sees the same numbers: the steady message rate, topics, partitions and message size.
/// </summary>
public sealed record TrafficProfile(long ClusterNo, int BrokerCount, DateTimeOffset CreateDate, double SteadyRate, int Topics, int Partitions,
    int MessageBytes, double PhaseHours)
{
    public static TrafficProfile For(long clusterNo, int brokerCount, DateTimeOffset createDate)
    {
        var topics = 5 + (int)(clusterNo % 26);
        return new TrafficProfile(
            clusterNo,
            brokerCount,
            createDate,
            SteadyRate: 500 + clusterNo % 97 * 50,
            Topics: topics,
            Partitions: topics * 2 * brokerCount,
            MessageBytes: 256 + (int)(clusterNo % 7) * 128,
            PhaseHours: clusterNo % 24);
    }
}
