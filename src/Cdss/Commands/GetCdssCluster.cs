using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Cdss.Api;

namespace Cdss.Commands
{
    /// <summary>Lists clusters, page by page, streaming each page's clusters as it arrives.</summary>
    [Cmdlet(VerbsCommon.Get, "CdssCluster")]
    [OutputType(typeof(Cluster))]
    public sealed class GetCdssCluster : CdssSessionCmdlet
    {
        /// <summary>Cluster names; wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1L, long.MaxValue)]
        [ArgumentCompleter(typeof(ClusterNumberCompleter))]
        public long[]? ServiceGroupInstanceNo { get; set; }

        private readonly HashSet<long> _wantedNumbers = new HashSet<long>();

        protected override void ProcessRecord()
        {
            // Numbers may arrive through the pipeline; collect them and list once at the end.
            if (ServiceGroupInstanceNo != null) _wantedNumbers.UnionWith(ServiceGroupInstanceNo);
        }

        protected override void EndProcessing()
        {
            var client = ResolveSession().CreateClient(Log);
            var patterns = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
            // One plain name can be narrowed on the server (inputText is a substring match), then matched exactly here.
            var inputText = Name != null && Name.Length == 1 && !WildcardPattern.ContainsWildcardCharacters(Name[0]) ? Name[0] : null;
            var seenNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var seenNumbers = new HashSet<long>();

            for (var pageNo = 1; ; pageNo++)
            {
                ClusterPage page;
                try
                {
                    page = Await(client.GetClusterPageAsync(pageNo, CdssClient.DefaultPageSize, inputText, StopToken));
                }
                catch (CdssException ex)
                {
                    ThrowCdssError(ex, pageNo);
                    return;
                }
                if (page.TotalPage > 1)
                {
                    WriteProgress(new ProgressRecord(2, "Listing CDSS clusters", $"Page {page.CurrentPage} of {page.TotalPage}")
                    { PercentComplete = Math.Min(100, page.CurrentPage * 100 / page.TotalPage) });
                }
                foreach (var cluster in page.Clusters)
                {
                    if (patterns != null && !patterns.Any(p => p.IsMatch(cluster.ClusterName))) continue;
                    if (_wantedNumbers.Count > 0 && !_wantedNumbers.Contains(cluster.ServiceGroupInstanceNo)) continue;
                    seenNames.Add(cluster.ClusterName);
                    seenNumbers.Add(cluster.ServiceGroupInstanceNo);
                    WriteObject(ToPSObject(cluster));
                }
                if (!CdssClient.HasNextPage(page)) break;
            }
            WriteProgress(new ProgressRecord(2, "Listing CDSS clusters", "Done") { RecordType = ProgressRecordType.Completed });
            ReportMissing(seenNames, seenNumbers);
        }

        /// <summary>Like Get-Process: a plain name or number that matched nothing is an error; a wildcard is not.</summary>
        private void ReportMissing(HashSet<string> seenNames, HashSet<long> seenNumbers)
        {
            foreach (var name in Name ?? Array.Empty<string>())
            {
                if (WildcardPattern.ContainsWildcardCharacters(name) || seenNames.Contains(name)) continue;
                WriteCdssError(new CdssException(CdssErrorIds.ClusterNotFound, CdssErrorCategory.ObjectNotFound,
                    $"No cluster named '{name}' is visible to this access key.", "Check the name with Get-CdssCluster, or use a wildcard."), name);
            }
            foreach (var number in _wantedNumbers.Where(n => !seenNumbers.Contains(n)))
            {
                WriteCdssError(new CdssException(CdssErrorIds.ClusterNotFound, CdssErrorCategory.ObjectNotFound,
                    $"No cluster {number} is visible to this access key.", "Check the number with Get-CdssCluster."), number);
            }
        }

        /// <summary>The typed cluster plus every field the service sent that has no property, as note properties.</summary>
        private static PSObject ToPSObject(Cluster cluster)
        {
            var wrapped = PSObject.AsPSObject(cluster);
            foreach (var field in cluster.AdditionalFields)
            {
                if (wrapped.Properties[field.Key] == null) wrapped.Properties.Add(new PSNoteProperty(field.Key, field.Value));
            }
            return wrapped;
        }
    }
}
