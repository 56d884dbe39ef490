using System;
using System.Collections.Generic;
using System.Linq;

namespace Cdss
{
    /// <summary>
    /// The intervals getCdssMonitoringData takes, each with the longest range the service allows for it (reference
    /// section 8: Min1 up to a day, Min5 a week, Min30 a month, Hour2 three months, Day1 a year). Where the calendar
    /// makes "a month" or "a year" ambiguous, the longest reading is taken (31, 92 and 366 days), so that no range the
    /// service takes is refused here; the service's own answer decides the rest.
    /// </summary>
    internal sealed class MetricInterval
    {
        public static readonly MetricInterval Min1 = new MetricInterval("Min1", TimeSpan.FromMinutes(1), TimeSpan.FromDays(1), "1 day");
        public static readonly MetricInterval Min5 = new MetricInterval("Min5", TimeSpan.FromMinutes(5), TimeSpan.FromDays(7), "7 days");
        public static readonly MetricInterval Min30 = new MetricInterval("Min30", TimeSpan.FromMinutes(30), TimeSpan.FromDays(31), "31 days");
        public static readonly MetricInterval Hour2 = new MetricInterval("Hour2", TimeSpan.FromHours(2), TimeSpan.FromDays(92), "92 days");
        public static readonly MetricInterval Day1 = new MetricInterval("Day1", TimeSpan.FromDays(1), TimeSpan.FromDays(366), "366 days");

        public static readonly IReadOnlyList<MetricInterval> All = new[] { Min1, Min5, Min30, Hour2, Day1 };

        private MetricInterval(string name, TimeSpan step, TimeSpan longestRange, string longestRangeText)
        {
            Name = name;
            Step = step;
            LongestRange = longestRange;
            LongestRangeText = longestRangeText;
        }

        /// <summary>The name the API takes ("Min1").</summary>
        public string Name { get; }

        /// <summary>The time between two points.</summary>
        public TimeSpan Step { get; }

        /// <summary>The longest timeEnd - timeStart the service allows with this interval.</summary>
        public TimeSpan LongestRange { get; }

        public string LongestRangeText { get; }

        /// <summary>The interval of that name (any case), or null.</summary>
        public static MetricInterval? Named(string? name) =>
            All.FirstOrDefault(i => string.Equals(i.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

        /// <summary>The interval of that name (any case); CdssInvalidArgument listing the names otherwise.</summary>
        public static MetricInterval Parse(string? name)
        {
            var match = Named(name);
            if (match != null) return match;
            throw new CdssException(CdssErrorIds.InvalidArgument, CdssErrorCategory.InvalidArgument,
                $"'{name}' is not a monitoring interval",
                "Use one of " + string.Join(", ", All.Select(i => $"{i.Name} (up to {i.LongestRangeText})")) + ".");
        }

        /// <summary>The finest interval whose longest range covers <paramref name="range"/> (Day1 past a year).</summary>
        public static MetricInterval FinestFor(TimeSpan range) => All.FirstOrDefault(i => i.LongestRange >= range) ?? Day1;

        public override string ToString() => Name;
    }
}
