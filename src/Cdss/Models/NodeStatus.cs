namespace Cdss
{
    /// <summary>One broker or ZooKeeper node's state, as the service sends it (its values are undocumented).</summary>
    public sealed class NodeStatus
    {
        public string Hostname { get; set; } = "";
        public string Status { get; set; } = "";
        public override string ToString() => $"{Hostname}={Status}";
    }
}
