namespace Cdss
{
    /// <summary>The service's answer to applying a config group to a cluster (Set-CdssClusterConfigGroup without -Wait).</summary>
    public sealed class ConfigGroupApply
    {
        public long ServiceGroupInstanceNo { get; set; }
        public string? ClusterName { get; set; }
        public int ConfigGroupNo { get; set; }
        public bool Accepted { get; set; }
        public int Code { get; set; }
        public string Message { get; set; } = "";
        public string? RequestId { get; set; }

        public override string ToString() => $"{ClusterName ?? ServiceGroupInstanceNo.ToString(System.Globalization.CultureInfo.InvariantCulture)}: Accepted={Accepted} ({Message})";
    }
}
