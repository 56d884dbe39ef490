using System.Collections.Generic;

namespace Cdss.Rollout
{
    /// <summary>Where a rollout keeps its record between runs: a file (<see cref="RolloutJournal"/>), or memory in the simulation.</summary>
    internal interface IRolloutJournal
    {
        /// <summary>Where it is, as a person would type it to find it again (the full path of the file).</summary>
        string Path { get; }

        /// <summary>What earlier runs wrote, oldest first.</summary>
        IReadOnlyList<JournalEntry> Earlier { get; }

        /// <summary>Appends one line; when this returns, the line survives a crash.</summary>
        void Append(JournalEntry entry);
    }
}
