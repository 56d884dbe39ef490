using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;

namespace Cdss.Sessions
{
    /// <summary>
    /// Finds a key pair the way NAVER Cloud tools do, without ever prompting: environment variables, then the
    /// ncloud CLI configure file. An explicit -ProfileName or -ConfigPath goes straight to the file.
    /// </summary>
    internal static class CredentialChain
    {
        public static readonly string[] AccessKeyVariables = { "NCLOUD_ACCESS_KEY", "NCLOUD_ACCESS_KEY_ID" };
        public static readonly string[] SecretKeyVariables = { "NCLOUD_SECRET_KEY", "NCLOUD_SECRET_ACCESS_KEY" };
        public const string SiteVariable = "NCLOUD_SITE";
        public const string RegionVariable = "NCLOUD_REGION";

        /// <summary>Points every new session at another base URL (e.g. the emulator), as AWS_ENDPOINT_URL does for AWS tools.</summary>
        public const string EndpointVariable = "CDSS_ENDPOINT";

        /// <summary>The CDSS_ENDPOINT override, or null when it is not set; an unusable value is an error, never ignored.</summary>
        public static Uri? EndpointOverride(Func<string, string?> getEnvironment)
        {
            var text = getEnvironment(EndpointVariable);
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (!Uri.TryCreate(text!.Trim(), UriKind.Absolute, out var uri))
            {
                throw new CdssException(CdssErrorIds.InvalidEndpoint, CdssErrorCategory.InvalidArgument,
                    $"Environment variable {EndpointVariable} is not an absolute URL.", $"Fix or remove {EndpointVariable}.");
            }
            return uri;
        }

        public sealed class Request
        {
            public string? ProfileName { get; set; }
            public string? ConfigPath { get; set; }

            /// <summary>The -Site the user typed, if any: NCLOUD_REGION then applies only when it belongs to it.</summary>
            public CdssSite? ExplicitSite { get; set; }
            public bool RegionGiven { get; set; }
            public Func<string, string?> GetEnvironment { get; set; } = Environment.GetEnvironmentVariable;
            public string? HomeDirectory { get; set; }
        }

        public sealed class Result
        {
            public string AccessKey { get; set; } = "";
            public SecureString SecretKey { get; set; } = new SecureString();
            public string Source { get; set; } = "";
            public CdssSite? Site { get; set; }
            public string? Region { get; set; }
        }

        public static Result Resolve(Request request)
        {
            var looked = new List<string>();
            var fileRequested = request.ProfileName != null || request.ConfigPath != null;
            var found = (fileRequested ? null : FromEnvironment(request, looked)) ?? FromFile(request, looked, fileRequested);
            if (found != null)
            {
                ApplySiteAndRegionDefaults(request, found);
                return found;
            }

            throw new CdssException(CdssErrorIds.MissingCredential, CdssErrorCategory.AuthenticationError,
                "No CDSS credentials were found. Looked in: -Credential and -AccessKey/-SecretKey (not given); " + string.Join("; ", looked) + ".",
                "Pass -Credential, set NCLOUD_ACCESS_KEY and NCLOUD_SECRET_KEY, or run 'ncloud configure' to write ~/.ncloud/configure.");
        }

        private static Result? FromEnvironment(Request request, List<string> looked)
        {
            var accessKey = FirstSet(request.GetEnvironment, AccessKeyVariables);
            var secretKey = FirstSet(request.GetEnvironment, SecretKeyVariables);
            looked.Add($"environment variables {string.Join("/", AccessKeyVariables)} ({(accessKey == null ? "not set" : "set")}) and " +
                       $"{string.Join("/", SecretKeyVariables)} ({(secretKey == null ? "not set" : "set")})");
            if (accessKey == null || secretKey == null) return null;

            return new Result { AccessKey = accessKey, SecretKey = ToSecure(secretKey), Source = "Environment" };
        }

        /// <summary>
        /// NCLOUD_SITE and NCLOUD_REGION are defaults wherever the keys came from (-Credential and -AccessKey too): they
        /// yield to -Site and -Region, NCLOUD_SITE wins over the site guessed from a profile's ncloud_api_url, and a
        /// region of another site than an explicit -Site is ignored. A value that names no site or no region at all is
        /// an error, never ignored: a typo must not send a production script to the Public site.
        /// </summary>
        /// <param name="guessedSite">The site a profile's ncloud_api_url points at, if any.</param>
        public static (CdssSite? Site, string? Region) SiteAndRegionDefaults(CdssSite? explicitSite, bool regionGiven, CdssSite? guessedSite,
            Func<string, string?> getEnvironment)
        {
            var site = explicitSite.HasValue ? null : guessedSite;
            var siteText = getEnvironment(SiteVariable);
            if (!string.IsNullOrWhiteSpace(siteText))
            {
                if (!Enum.TryParse(siteText!.Trim(), true, out CdssSite parsed) || !Enum.IsDefined(typeof(CdssSite), parsed))
                {
                    throw new CdssException(CdssErrorIds.InvalidSetting, CdssErrorCategory.InvalidArgument,
                        $"Environment variable {SiteVariable} is '{siteText}', which is not a site (public, gov or fin).",
                        $"Set {SiteVariable} to public, gov or fin, or remove it and pass -Site.");
                }
                if (!explicitSite.HasValue) site = parsed;
            }
            string? region = null;
            var regionText = getEnvironment(RegionVariable)?.Trim();
            if (!string.IsNullOrEmpty(regionText))
            {
                if (!SiteRegions.AllRegions.Contains(regionText!, StringComparer.OrdinalIgnoreCase))
                {
                    throw new CdssException(CdssErrorIds.InvalidSetting, CdssErrorCategory.InvalidArgument,
                        $"Environment variable {RegionVariable} is '{regionText}', which is not a region of any site ({string.Join(", ", SiteRegions.AllRegions)}).",
                        $"Set {RegionVariable} to a region of the site, or remove it and pass -Region.");
                }
                var target = explicitSite ?? site;
                if (!regionGiven && (!explicitSite.HasValue || target == null || SiteRegions.IsValid(target.Value, regionText!))) region = regionText;
            }
            return (site, region);
        }

        private static void ApplySiteAndRegionDefaults(Request request, Result result)
        {
            var (site, region) = SiteAndRegionDefaults(request.ExplicitSite, request.RegionGiven, result.Site, request.GetEnvironment);
            result.Site = site;
            result.Region = region;
        }

        private static Result? FromFile(Request request, List<string> looked, bool fileRequested)
        {
            var path = request.ConfigPath ?? NcloudConfigFile.DefaultPath(request.HomeDirectory);
            var profile = request.ProfileName ?? NcloudConfigFile.DefaultProfile;
            if (!File.Exists(path))
            {
                looked.Add($"file '{path}' (not found)");
                return null;
            }
            var file = NcloudConfigFile.Load(path);
            if (!file.HasProfile(profile))
            {
                if (!fileRequested)
                {
                    looked.Add($"file '{path}' (no [{profile}] section)");
                    return null;
                }
                throw new CdssException(CdssErrorIds.ProfileNotFound, CdssErrorCategory.ObjectNotFound,
                    $"Profile '{profile}' is not in '{path}'. Profiles there: {string.Join(", ", file.Profiles)}.",
                    "Pass -ProfileName with one of those profiles, or add the section with 'ncloud configure --profile'.");
            }
            var accessKey = file.Get(profile, NcloudConfigFile.AccessKeyName);
            var secretKey = file.Get(profile, NcloudConfigFile.SecretKeyName);
            if (accessKey == null || secretKey == null)
            {
                looked.Add($"file '{path}' [{profile}] (no {NcloudConfigFile.AccessKeyName} and {NcloudConfigFile.SecretKeyName})");
                return null;
            }
            var result = new Result { AccessKey = accessKey, SecretKey = ToSecure(secretKey), Source = "Profile:" + profile };
            if (!request.ExplicitSite.HasValue) result.Site = SiteOfApiUrl(file.Get(profile, NcloudConfigFile.ApiUrlName));
            return result;
        }

        /// <summary>The site an ncloud_api_url points at (fin-ncloud… → Fin, …gov-ntruss… → Gov), or null.</summary>
        public static CdssSite? SiteOfApiUrl(string? apiUrl)
        {
            if (string.IsNullOrEmpty(apiUrl)) return null;
            if (apiUrl!.IndexOf("fin-ntruss", StringComparison.OrdinalIgnoreCase) >= 0) return CdssSite.Fin;
            if (apiUrl.IndexOf("gov-ntruss", StringComparison.OrdinalIgnoreCase) >= 0) return CdssSite.Gov;
            return null;
        }

        private static string? FirstSet(Func<string, string?> get, IEnumerable<string> names)
        {
            foreach (var name in names)
            {
                var value = get(name);
                if (!string.IsNullOrEmpty(value)) return value;
            }
            return null;
        }

        private static SecureString ToSecure(string text)
        {
            var secure = new SecureString();
            foreach (var c in text) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }
    }
}
