using System;
using System.Collections.Generic;
using System.Globalization;
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
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string[]? Name { get; set; }

        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ClusterNumberTransformation]
        [ValidateRange(1L, long.MaxValue)]
        [ArgumentCompleter(typeof(ClusterNumberCompleter))]
        public long[]? ServiceGroupInstanceNo { get; set; }

        private readonly List<long> _wantedNumbers = new List<long>();

        protected override void ProcessRecord()
        {
            // Numbers may arrive through the pipeline; collect them and list once at the end.
            if (ServiceGroupInstanceNo != null) _wantedNumbers.AddRange(ServiceGroupInstanceNo.Where(n => !_wantedNumbers.Contains(n)));
        }

        protected override void EndProcessing()
        {
            var session = ResolveSession();
            var client = session.CreateClient(Log);
            var patterns = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
            // One plain name can be narrowed on the server (inputText is a substring match), then matched exactly here.
            var inputText = Name != null && Name.Length == 1 && !WildcardPattern.ContainsWildcardCharacters(Name[0]) ? Name[0] : null;
            var query = Name != null ? string.Join(", ", Name) : _wantedNumbers.Count > 0 ? string.Join(", ", _wantedNumbers) : "all clusters";
            var seenNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var seenNumbers = new HashSet<long>();
            var disallowed = new Dictionary<long, DisallowedCluster>();

            var pager = client.ListClusters(inputText);
            var listed = ForTarget(query, () =>
            {
                // The pager hands out each cluster once, however the service pages (a server that ignores pageNo
                // ends the listing with a warning).
                IReadOnlyList<Cluster>? clusters;
                while ((clusters = Await(pager.NextAsync(StopToken))) != null)
                {
                    var page = pager.Page!;
                    if (page.TotalPage > 1)
                    {
                        WriteProgress(new ProgressRecord(2, "Listing CDSS clusters", $"Page {page.RequestedPage} of {page.TotalPage}")
                        { PercentComplete = Math.Min(100, page.RequestedPage * 100 / page.TotalPage) });
                    }
                    foreach (var item in page.Disallowed) disallowed[item.ServiceGroupInstanceNo] = item;
                    foreach (var cluster in clusters)
                    {
                        if (patterns != null && !patterns.Any(p => p.IsMatch(cluster.ClusterName))) continue;
                        if (_wantedNumbers.Count > 0 && !_wantedNumbers.Contains(cluster.ServiceGroupInstanceNo)) continue;
                        seenNames.Add(cluster.ClusterName);
                        seenNumbers.Add(cluster.ServiceGroupInstanceNo);
                        WriteObject(ToPSObject(cluster));
                    }
                }
            });
            WriteProgress(new ProgressRecord(2, "Listing CDSS clusters", "Done") { RecordType = ProgressRecordType.Completed });
            if (!listed) return;
            WarnDisallowed(session, disallowed.Values, patterns);
            ReportMissing(seenNames, seenNumbers, disallowed);
        }

        /// <summary>
        /// Clusters that exist but this key may not act on: said once per session and cluster, so nobody wonders where
        /// they went, and a script that lists clusters often is not flooded with the same warning.
        /// </summary>
        private void WarnDisallowed(Session session, IEnumerable<DisallowedCluster> disallowed, List<WildcardPattern>? patterns)
        {
            var relevant = disallowed
                .Where(d => patterns == null || patterns.Any(p => p.IsMatch(d.ClusterName)))
                .Where(d => _wantedNumbers.Count == 0 || _wantedNumbers.Contains(d.ServiceGroupInstanceNo))
                .Where(d => !session.DisallowedWarned.ContainsKey(d.ServiceGroupInstanceNo))
                .ToList();
            if (relevant.Count == 0) return;
            // Counted as said only when it shows: a listing run with -WarningAction SilentlyContinue has not told anyone.
            if (WarningShows()) foreach (var d in relevant) session.DisallowedWarned[d.ServiceGroupInstanceNo] = true;
            WriteWarning($"{relevant.Count} cluster(s) exist but this access key has no permission on them, so they are not listed: " +
                         string.Join(", ", relevant.Select(d => d.ToString())) + ". Ask for a Sub Account policy that includes them.");
        }

        private bool WarningShows()
        {
            var preference = MyInvocation.BoundParameters.TryGetValue("WarningAction", out var bound) ? bound : GetVariableValue("WarningPreference");
            return !(LanguagePrimitives.TryConvertTo(preference, out ActionPreference action) &&
                     (action == ActionPreference.SilentlyContinue || action == ActionPreference.Ignore));
        }

        /// <summary>Like Get-Process: a plain name or number that matched nothing is an error; a wildcard is not.</summary>
        private void ReportMissing(HashSet<string> seenNames, HashSet<long> seenNumbers, Dictionary<long, DisallowedCluster> disallowed)
        {
            foreach (var name in Name ?? Array.Empty<string>())
            {
                if (WildcardPattern.ContainsWildcardCharacters(name) || seenNames.Contains(name)) continue;
                var denied = disallowed.Values.FirstOrDefault(d => string.Equals(d.ClusterName, name, StringComparison.OrdinalIgnoreCase));
                if (denied != null)
                {
                    ForTarget(name, () => throw DeniedError(denied));
                    continue;
                }
                var looksLikeNumber = long.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number);
                var hint = looksLikeNumber
                    ? $"'{name}' looks like a cluster number, but -Name matches names. Use -ServiceGroupInstanceNo {name} (or pipe the number: {name} | Get-CdssCluster)."
                    : "Check the name with Get-CdssCluster, or use a wildcard.";
                ForTarget(name, () => throw new CdssException(CdssErrorIds.ClusterNotFound, CdssErrorCategory.ObjectNotFound,
                    looksLikeNumber
                        ? $"No cluster is named '{name}'. -Name takes cluster names; cluster numbers go to -ServiceGroupInstanceNo"
                        : $"No cluster named '{name}' is visible to this access key", hint));
            }
            foreach (var number in _wantedNumbers.Where(n => !seenNumbers.Contains(n)))
            {
                ForTarget(number, () =>
                {
                    if (disallowed.TryGetValue(number, out var denied)) throw DeniedError(denied);
                    throw new CdssException(CdssErrorIds.ClusterNotFound, CdssErrorCategory.ObjectNotFound,
                        $"No cluster {number} is visible to this access key", "Check the number with Get-CdssCluster.") { Subject = "" };
                });
            }
        }

        /// <summary>A cluster the list shows among disallowedClusters, asked for by name or number.</summary>
        private static CdssException DeniedError(DisallowedCluster denied) =>
            new CdssException(CdssErrorIds.PermissionDenied, CdssErrorCategory.PermissionDenied,
                $"Cluster {denied} exists, but this access key has no permission on it",
                "Ask for a Sub Account policy that includes this cluster, or use another key.") { Subject = "" };

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
