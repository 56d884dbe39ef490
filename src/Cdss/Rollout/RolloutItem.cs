namespace Cdss.Rollout
{
    internal enum ItemState { Pending, Running, Final }

    /// <summary>One cluster of a rollout while it runs: its result object, filled in as the rollout goes.</summary>
    internal sealed class RolloutItem
    {
        public RolloutItem(int index, RolloutResult result)
        {
            Index = index;
            Result = result;
        }

        /// <summary>Position in the input: results are written in this order.</summary>
        public int Index { get; }

        public RolloutResult Result { get; }
        public long ServiceGroupInstanceNo => Result.ServiceGroupInstanceNo;

        public ItemState State { get; set; }

        /// <summary>The journal says it may be running from an earlier run: wait on it, never request it.</summary>
        public bool Reattach { get; set; }

        /// <summary>The operation was seen to begin (a broker down, a non-green status, or the service saying so).</summary>
        public bool Began { get; set; }

        /// <summary>The start request failed in a way that certainly started nothing (refused, or not accepted).</summary>
        public bool NotRequested { get; set; }

        /// <summary>The error record this cluster writes besides its result (failures and skips).</summary>
        public CdssException? Error { get; set; }

        /// <summary>What the progress bar shows for it.</summary>
        public string Status { get; set; } = "waiting";
    }
}
