using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace Cdss.Commands
{
    /// <summary>
    /// Binds cluster numbers strictly. PowerShell would round 3432149.6 to 3432150 and act on a cluster nobody
    /// named; a number with a fraction (or text that is not a whole number) is refused in binding instead.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ClusterNumberTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string || !(value is IEnumerable items)) return ToNumber(value);
            var numbers = new List<long>();
            foreach (var item in items) numbers.Add(ToNumber(item is PSObject w ? w.BaseObject : item));
            return numbers.ToArray();
        }

        private static long ToNumber(object? value)
        {
            switch (value)
            {
                case long l: return l;
                case int i: return i;
                case short s: return s;
                case byte b: return b;
                case uint ui: return ui;
                case ulong ul when ul <= long.MaxValue: return (long)ul;
                case double d when IsWhole(d): return (long)d;
                case float f when IsWhole(f): return (long)f;
                case decimal m when decimal.Truncate(m) == m && m >= long.MinValue && m <= long.MaxValue: return (long)m;
                case string text when long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed): return parsed;
            }
            throw new ArgumentTransformationMetadataException(
                $"'{Convert.ToString(value, CultureInfo.InvariantCulture)}' is not a cluster number: service group instance numbers are whole numbers, such as 3432149.");
        }

        private static bool IsWhole(double d) => !double.IsNaN(d) && !double.IsInfinity(d) && Math.Floor(d) == d && d >= long.MinValue && d <= long.MaxValue;
    }
}
