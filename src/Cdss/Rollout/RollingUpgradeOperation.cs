using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Cdss.Api;

namespace Cdss.Rollout
{
    /// <summary>
    /// The rolling upgrade to one Kafka version with one config group: rollingUpgradePreCheck, rollingUpgrade,
    /// rollingUpgradeProgressCheck. The same triple as the restart, so the same engine runs it.
    /// </summary>
    internal sealed class RollingUpgradeOperation : IRolloutOperation
    {
        private readonly CdssClient _client;
        private readonly int _kafkaVersionCode;
        private readonly int _configGroupNo;
        private readonly ConcurrentDictionary<long, RolloutResult> _results = new ConcurrentDictionary<long, RolloutResult>();
        private IReadOnlyList<KafkaVersion>? _versions;
        private string? _targetName;

        public RollingUpgradeOperation(CdssClient client, int kafkaVersionCode, int configGroupNo)
        {
            _client = client;
            _kafkaVersionCode = kafkaVersionCode;
            _configGroupNo = configGroupNo;
        }

        public OperationKind Kind => OperationKind.RollingUpgrade;
        public bool HasPreCheck => true;

        /// <summary>Journal lines of an upgrade to another version or group are another rollout's.</summary>
        public string JournalTarget => string.Format(CultureInfo.InvariantCulture, "{0}:{1}", _kafkaVersionCode, _configGroupNo);

        public async Task<ServiceAnswer> PreCheckAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken)
        {
            // Where the cluster starts from, for the result; the service's own check decides.
            var detail = await _client.GetClusterDetailAsync(serviceGroupInstanceNo, cancellationToken).ConfigureAwait(false);
            if (_results.TryGetValue(serviceGroupInstanceNo, out var result) && detail.KafkaVersionCode.HasValue)
            {
                result.SetFact("FromKafkaVersion", await VersionNameAsync(detail.KafkaVersionCode.Value, cancellationToken).ConfigureAwait(false));
            }
            var check = await _client.RollingUpgradePreCheckAsync(serviceGroupInstanceNo, _kafkaVersionCode, _configGroupNo, cancellationToken).ConfigureAwait(false);
            return new ServiceAnswer(check.CanUpgrade, check.Code, check.Message, check.RequestId);
        }

        public async Task<ServiceAnswer> StartAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken)
        {
            var upgrade = await _client.StartRollingUpgradeAsync(serviceGroupInstanceNo, _kafkaVersionCode, _configGroupNo, cancellationToken).ConfigureAwait(false);
            return new ServiceAnswer(upgrade.Accepted, upgrade.Code, upgrade.Message, upgrade.RequestId);
        }

        public Task<ClusterProgress> ProgressAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken) =>
            _client.GetRollingUpgradeProgressAsync(serviceGroupInstanceNo, cancellationToken);

        public async Task<bool> IsRunningAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken)
        {
            var check = await _client.RollingUpgradePreCheckAsync(serviceGroupInstanceNo, _kafkaVersionCode, _configGroupNo, cancellationToken).ConfigureAwait(false);
            return !check.CanUpgrade && CdssClient.SaysInProgress(check.Message);
        }

        public RolloutResult NewResult(long serviceGroupInstanceNo)
        {
            var result = new RolloutResult(Kind) { ServiceGroupInstanceNo = serviceGroupInstanceNo };
            result.SetFact("FromKafkaVersion", null);
            result.SetFact("ToKafkaVersion", _targetName ?? _kafkaVersionCode.ToString(CultureInfo.InvariantCulture));
            result.SetFact("ConfigGroupNo", _configGroupNo);
            _results[serviceGroupInstanceNo] = result;
            return result;
        }

        /// <summary>Reads the version list once, so results can name versions ("Kafka 3.9.0 (3903006)").</summary>
        public async Task LoadVersionNamesAsync(CancellationToken cancellationToken) =>
            _targetName = await VersionNameAsync(_kafkaVersionCode, cancellationToken).ConfigureAwait(false);

        private async Task<string> VersionNameAsync(int code, CancellationToken cancellationToken)
        {
            var text = code.ToString(CultureInfo.InvariantCulture);
            try
            {
                _versions ??= await _client.GetKafkaVersionsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (CdssException)
            {
                return text;
            }
            var version = _versions.FirstOrDefault(v => v.KafkaVersionCode == code);
            return version == null ? text : $"{version.KafkaVersionName} ({text})";
        }
    }
}
