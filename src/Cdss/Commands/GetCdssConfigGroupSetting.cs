using System.Linq;
using System.Management.Automation;
using Cdss.Maintenance;

namespace Cdss.Commands
{
    /// <summary>Shows a config group's broker settings: the value in effect, the default, whether it may be changed, and its range.</summary>
    [Cmdlet(VerbsCommon.Get, "CdssConfigGroupSetting")]
    [OutputType(typeof(ConfigGroupSetting))]
    public sealed class GetCdssConfigGroupSetting : CdssSessionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(ConfigGroupNumberCompleter))]
        public int ConfigGroupNo { get; set; }

        /// <summary>The Kafka version the group is for (the service needs it to find the group).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(KafkaVersionCodeCompleter))]
        public int KafkaVersionCode { get; set; }

        /// <summary>Only settings whose Key or Name matches; wildcards allowed.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        private Api.CdssClient? _client;

        internal override string? DescribeTarget(object? target) => target is int group ? "Config group " + group.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

        protected override void BeginProcessing() => _client = ResolveSession().CreateClient(Log);

        protected override void ProcessRecord() => ForTarget(ConfigGroupNo, () =>
            {
                var settings = Await(_client!.GetConfigGroupSettingsAsync(ConfigGroupNo, KafkaVersionCode, StopToken));
                if (Name == null)
                {
                    WriteObject(settings, enumerateCollection: true);
                    return;
                }
                var patterns = Name.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
                WriteObject(settings.Where(s => patterns.Any(p => p.IsMatch(s.Key) || p.IsMatch(s.Name))), enumerateCollection: true);
                foreach (var plain in Name.Where(n => !WildcardPattern.ContainsWildcardCharacters(n) && SettingNames.Find(settings, n) == null))
                {
                    WriteError(ToErrorRecord(SettingNames.Unknown(ConfigGroupNo, KafkaVersionCode, settings, plain), plain));
                }
            });
    }
}
