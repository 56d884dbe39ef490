using System;
using System.Collections.Generic;
using System.Linq;

namespace Cdss.Sessions
{
    /// <summary>The site/region table of the CDSS API reference, section 1.</summary>
    internal static class SiteRegions
    {
        private sealed class SiteInfo
        {
            public SiteInfo(string host, string defaultRegion, params (string Region, string Prefix)[] regions)
            {
                Host = host;
                DefaultRegion = defaultRegion;
                Prefixes = regions.ToDictionary(r => r.Region, r => r.Prefix, StringComparer.OrdinalIgnoreCase);
            }

            public string Host { get; }
            public string DefaultRegion { get; }
            public IReadOnlyDictionary<string, string> Prefixes { get; }
        }

        private static readonly Dictionary<CdssSite, SiteInfo> Sites = new Dictionary<CdssSite, SiteInfo>
        {
            [CdssSite.Public] = new SiteInfo("https://clouddatastreamingservice.apigw.ntruss.com", "KR",
                ("KR", "/api/v1"), ("SGN", "/api/sgn-v1"), ("JPN", "/api/jpn-v1")),
            [CdssSite.Gov] = new SiteInfo("https://clouddatastreamingservice.apigw.gov-ntruss.com", "KR",
                ("KR", "/api/v1"), ("KRS", "/api/krs-v1")),
            [CdssSite.Fin] = new SiteInfo("https://fin-clouddatastreamingservice.apigw.fin-ntruss.com", "FKR",
                ("FKR", "/api/v1")),
        };

        /// <summary>Every region name any site accepts, for completion and validation.</summary>
        public static IReadOnlyList<string> AllRegions { get; } =
            Sites.Values.SelectMany(s => s.Prefixes.Keys).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        public static string DefaultRegion(CdssSite site) => Sites[site].DefaultRegion;

        public static IReadOnlyCollection<string> RegionsOf(CdssSite site) => Sites[site].Prefixes.Keys.ToList();

        public static bool IsValid(CdssSite site, string region) => Sites[site].Prefixes.ContainsKey(region);

        /// <summary>Canonical (upper case) spelling of a region that belongs to the site.</summary>
        public static string Normalize(CdssSite site, string? region)
        {
            if (string.IsNullOrWhiteSpace(region)) return DefaultRegion(site);
            var match = Sites[site].Prefixes.Keys.FirstOrDefault(r => string.Equals(r, region!.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match == null)
            {
                throw new CdssException(CdssErrorIds.InvalidRegion, CdssErrorCategory.InvalidArgument,
                    $"Region '{region}' does not belong to the {site} site. Valid regions for {site}: {string.Join(", ", RegionsOf(site))}.",
                    "Pick a region of that site with -Region, or change -Site.");
            }
            return match;
        }

        public static Uri BaseUrl(CdssSite site, string region)
        {
            var info = Sites[site];
            var normalized = Normalize(site, region);
            return new Uri(info.Host + info.Prefixes[normalized]);
        }
    }
}
