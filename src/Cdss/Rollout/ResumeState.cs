namespace Cdss.Rollout
{
    internal enum ResumeKind { Fresh, Running, Done }

    /// <summary>For one cluster: untouched, possibly running since a request, or done.</summary>
    internal sealed class ResumeState
    {
        private ResumeState(ResumeKind kind, JournalEntry? since, bool began, string? requestId)
        {
            Kind = kind;
            Since = since;
            Began = began;
            RequestId = requestId;
        }

        public static readonly ResumeState Fresh = new ResumeState(ResumeKind.Fresh, null, false, null);
        public static ResumeState Done(JournalEntry entry) => new ResumeState(ResumeKind.Done, entry, true, entry.RequestId);
        public static ResumeState Running(JournalEntry since, bool began, string? requestId) => new ResumeState(ResumeKind.Running, since, began, requestId);

        public ResumeKind Kind { get; }

        /// <summary>The "requesting" line (Running) or the "succeeded" line (Done).</summary>
        public JournalEntry? Since { get; }

        /// <summary>Whether an earlier run saw the operation begin.</summary>
        public bool Began { get; }

        public string? RequestId { get; }
    }
}
