using System;
using System.Collections.Generic;
using System.Linq;

namespace Cdss.Reports
{
    /// <summary>
    /// When a set of rows ran: from the first request to the last decided outcome. A rollout's wall time, which is what
    /// a report's suite time means; the sum of the clusters' durations is not (clusters may run at once).
    /// </summary>
    internal readonly struct RolloutSpan
    {
        private RolloutSpan(DateTimeOffset? start, DateTimeOffset? end)
        {
            Start = start;
            End = end;
        }

        /// <summary>The first request; null when nothing was requested (pre-checks only, or every cluster left untouched).</summary>
        public DateTimeOffset? Start { get; }

        /// <summary>The last moment a row was decided (or requested); null when no row has a time.</summary>
        public DateTimeOffset? End { get; }

        public TimeSpan WallTime => Start.HasValue && End.HasValue && End > Start ? End.Value - Start.Value : TimeSpan.Zero;

        public static RolloutSpan Of(IEnumerable<ReportRow> rows)
        {
            var list = rows as IReadOnlyCollection<ReportRow> ?? rows.ToList();
            var requested = list.Where(r => r.RequestedAt.HasValue).Select(r => r.RequestedAt!.Value).ToList();
            var times = list.SelectMany(r => new[] { r.RequestedAt, r.At }).Where(t => t.HasValue).Select(t => t!.Value).ToList();
            return new RolloutSpan(
                requested.Count == 0 ? (DateTimeOffset?)null : requested.Min(),
                times.Count == 0 ? (DateTimeOffset?)null : times.Max());
        }
    }
}
