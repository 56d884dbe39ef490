using System.Threading;
using System.Threading.Tasks;
using Cdss.Api;

namespace Cdss.Rollout
{
    /// <summary>The rolling restart: rollingRestartPreCheck, rollingRestart, rollingRestartProgressCheck.</summary>
    internal sealed class RollingRestartOperation : IRolloutOperation
    {
        private readonly CdssClient _client;

        public RollingRestartOperation(CdssClient client) => _client = client;

        public OperationKind Kind => OperationKind.RollingRestart;
        public string? JournalTarget => null;

        public bool HasPreCheck => true;

        public async Task<ServiceAnswer> PreCheckAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken)
        {
            var check = await _client.PreCheckAsync(serviceGroupInstanceNo, cancellationToken).ConfigureAwait(false);
            return new ServiceAnswer(check.CanRestart, check.Code, check.Message, check.RequestId);
        }

        public async Task<ServiceAnswer> StartAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken)
        {
            var restart = await _client.StartRollingRestartAsync(serviceGroupInstanceNo, cancellationToken).ConfigureAwait(false);
            return new ServiceAnswer(restart.Accepted, restart.Code, restart.Message, restart.RequestId);
        }

        public Task<ClusterProgress> ProgressAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken) =>
            _client.GetRollingRestartProgressAsync(serviceGroupInstanceNo, cancellationToken);

        public Task<bool> IsRunningAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken) =>
            _client.IsRestartRunningAsync(serviceGroupInstanceNo, cancellationToken);

        public RolloutResult NewResult(long serviceGroupInstanceNo) => new RolloutResult(Kind) { ServiceGroupInstanceNo = serviceGroupInstanceNo };
    }
}
