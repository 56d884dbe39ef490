using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace Cdss
{
    /// <summary>
    /// A progress check's nodes: a list of NodeStatus objects for scripts, whose text is "host=status, host=status",
    /// so that Export-Csv, string expansion and -join show the nodes instead of the collection's type name.
    /// </summary>
    internal sealed class NodeList : ReadOnlyCollection<NodeStatus>
    {
        public static readonly NodeList Empty = new NodeList(new NodeStatus[0]);

        public NodeList(IList<NodeStatus> nodes) : base(nodes) { }

        public override string ToString() => string.Join(", ", this.Select(n => n.ToString()));
    }
}
