using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

namespace Cdss.Commands
{
    /// <summary>Lists Kafka config groups, of some versions or of every version CDSS offers.</summary>
    [Cmdlet(VerbsCommon.Get, "CdssConfigGroup")]
    [OutputType(typeof(ConfigGroup))]
    public sealed class GetCdssConfigGroup : CdssSessionCmdlet
    {
        /// <summary>Only these config groups.</summary>
        [Parameter(Position = 0)]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(ConfigGroupNumberCompleter))]
        public int[]? ConfigGroupNo { get; set; }

        /// <summary>Only the groups of these Kafka versions; by default those of every version.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(KafkaVersionCodeCompleter))]
        public int[]? KafkaVersionCode { get; set; }

        private readonly List<int> _versions = new List<int>();

        /// <summary>Targets here are version codes and group numbers, never cluster numbers; errors carry their own subject.</summary>
        internal override string? DescribeTarget(object? target) => null;

        protected override void ProcessRecord()
        {
            // Versions may arrive through the pipeline; collect them and list once at the end.
            foreach (var code in KafkaVersionCode ?? Array.Empty<int>())
            {
                if (!_versions.Contains(code)) _versions.Add(code);
            }
        }

        protected override void EndProcessing()
        {
            var client = ResolveSession().CreateClient(Log);
            IReadOnlyList<int> versions = _versions;
            if (versions.Count == 0)
            {
                var listed = ForTarget("Kafka versions", () => versions = Await(client.GetKafkaVersionsAsync(StopToken)).Select(v => v.KafkaVersionCode).ToList());
                if (!listed) return;
            }
            var wanted = ConfigGroupNo == null ? null : new HashSet<int>(ConfigGroupNo);
            var seen = new HashSet<int>();
            foreach (var version in versions)
            {
                ForTarget(version, () =>
                {
                    foreach (var group in Await(client.GetConfigGroupsAsync(version, StopToken)))
                    {
                        if (wanted != null && !wanted.Contains(group.ConfigGroupNo)) continue;
                        seen.Add(group.ConfigGroupNo);
                        WriteObject(group);
                    }
                });
            }
            foreach (var missing in (ConfigGroupNo ?? Array.Empty<int>()).Distinct().Where(n => !seen.Contains(n)))
            {
                var scope = _versions.Count == 0 ? "any Kafka version" : "Kafka version " + string.Join(", ", _versions.Select(v => v.ToString(CultureInfo.InvariantCulture)));
                WriteError(ToErrorRecord(new CdssException(CdssErrorIds.ConfigGroupNotFound, CdssErrorCategory.ObjectNotFound,
                    $"no such group was found for {scope}.", "List the groups with Get-CdssConfigGroup.")
                { Subject = "Config group " + missing.ToString(CultureInfo.InvariantCulture) }, missing));
            }
        }
    }
}
