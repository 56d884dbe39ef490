using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using Cdss.Maintenance;

namespace Cdss.Commands
{
    /// <summary>
    /// Changes some settings of a config group and keeps the others. The service replaces a group's whole custom
    /// configuration on every write, so this reads the settings, merges the changes in, writes the full custom set
    /// back, and reads again to make sure every value took. A change that changes nothing sends nothing.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "CdssConfigGroupSetting", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ConfigGroupSetting))]
    public sealed class SetCdssConfigGroupSetting : CdssSessionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(ConfigGroupNumberCompleter))]
        public int ConfigGroupNo { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(KafkaVersionCodeCompleter))]
        public int KafkaVersionCode { get; set; }

        /// <summary>Setting name (Key or Name) to new value; $null puts a setting back to its default.</summary>
        [Parameter(Mandatory = true, Position = 2)]
        [ValidateNotNullOrEmpty]
        public IDictionary Setting { get; set; } = new Hashtable();

        /// <summary>Write the named settings as read back after the change (an Information line names the change either way).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private Api.CdssClient? _client;
        private readonly Dictionary<int, string> _versionNames = new Dictionary<int, string>();

        internal override string? DescribeTarget(object? target) => target is int group ? "Config group " + group.ToString(CultureInfo.InvariantCulture) : null;

        protected override void BeginProcessing() => _client = ResolveSession().CreateClient(Log);

        protected override void ProcessRecord()
        {
            ForTarget(ConfigGroupNo, Change);
        }

        private void Change()
        {
            var plan = Await(_client!.PlanSettingChangeAsync(ConfigGroupNo, KafkaVersionCode, RequestedSettings(), StopToken));
            foreach (var line in plan.UncheckedRanges) WriteVerbose(line);
            if (plan.Refusals.Count > 0)
            {
                // Each refused setting gets its own error; none of the changes is sent.
                foreach (var refusal in plan.Refusals) WriteError(ToErrorRecord(refusal, ConfigGroupNo));
                return;
            }
            if (plan.Changes.Count == 0)
            {
                WriteInformationLine($"{GroupLabel()}: nothing to change: {plan.DescribeUnchanged()}.");
                return;
            }
            var target = $"Config group {ConfigGroupNo.ToString(CultureInfo.InvariantCulture)} (Kafka version {KafkaVersionCode.ToString(CultureInfo.InvariantCulture)})";
            if (!ShouldProceed(target, $"Set {plan.Describe()}", force: false)) return;

            var requestId = Await(_client!.SetConfigGroupSettingsAsync(plan, StopToken));
            var readBack = Await(_client!.GetConfigGroupSettingsAsync(ConfigGroupNo, KafkaVersionCode, StopToken));
            var notApplied = plan.CheckApplied(readBack, requestId);
            if (notApplied != null) throw notApplied;
            WriteInformationLine($"{GroupLabel()}: {plan.Describe()}");
            if (PassThru)
            {
                foreach (var change in plan.Changes)
                {
                    var setting = SettingNames.Find(readBack, change.Key);
                    if (setting != null) WriteObject(setting);
                }
            }
        }

        /// <summary>"config group 101 (Kafka 3.7.1)"; the version's name is read once per version, its code stands in when it cannot be.</summary>
        private string GroupLabel()
        {
            if (!_versionNames.TryGetValue(KafkaVersionCode, out var version))
            {
                version = Await(_client!.KafkaVersionNameAsync(KafkaVersionCode, StopToken))
                          ?? "Kafka version " + KafkaVersionCode.ToString(CultureInfo.InvariantCulture);
                _versionNames[KafkaVersionCode] = version;
            }
            return $"config group {ConfigGroupNo.ToString(CultureInfo.InvariantCulture)} ({version})";
        }

        /// <summary>The -Setting entries as plain .NET values, in the order given (sorted by name for an unordered hashtable).</summary>
        private IEnumerable<KeyValuePair<string, object?>> RequestedSettings()
        {
            var entries = Setting.Cast<DictionaryEntry>()
                .Select(e => new KeyValuePair<string, object?>(Convert.ToString(Unwrap(e.Key), CultureInfo.InvariantCulture) ?? "", Unwrap(e.Value)));
            return Setting is IOrderedDictionary ? entries.ToList() : entries.OrderBy(e => e.Key, StringComparer.OrdinalIgnoreCase).ToList();
        }

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
    }
}
